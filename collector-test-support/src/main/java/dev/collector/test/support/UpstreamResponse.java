package dev.collector.test.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * One answer of a {@link FakeUpstream}. Immutable: every {@code with...} returns a copy.
 *
 * @param status the HTTP status
 * @param headers the response headers
 * @param body the body, empty for none
 * @param delay how long to wait before answering
 */
public record UpstreamResponse(int status, Map<String, String> headers, byte[] body, Duration delay) {

	public UpstreamResponse {
		headers = Map.copyOf(headers);
	}

	/**
	 * An answer with a status and no body.
	 * @param status the HTTP status, e.g. 503
	 * @return the answer
	 */
	public static UpstreamResponse status(int status) {
		return new UpstreamResponse(status, Map.of(), new byte[0], Duration.ZERO);
	}

	/**
	 * A {@code 200} with a JSON body.
	 * @param json the body
	 * @return the answer
	 */
	public static UpstreamResponse json(String json) {
		return status(200).withBody("application/json", json);
	}

	/**
	 * A {@code 200} with a plain text body.
	 * @param text the body
	 * @return the answer
	 */
	public static UpstreamResponse text(String text) {
		return status(200).withBody("text/plain; charset=UTF-8", text);
	}

	/**
	 * A {@code 200} with a JSON array of generated elements: N records for a benchmark.
	 * @param count how many elements
	 * @param element the JSON of the element of an index, from 0
	 * @return the answer
	 */
	public static UpstreamResponse jsonArray(int count, IntFunction<String> element) {
		StringBuilder json = new StringBuilder(count * 64 + 2).append('[');
		for (int i = 0; i < count; i++) {
			json.append((i > 0) ? "," : "").append(element.apply(i));
		}
		return json(json.append(']').toString());
	}

	/**
	 * A {@code 200} with an RSS (or Atom) body.
	 * @param xml the feed
	 * @return the answer
	 */
	public static UpstreamResponse rss(String xml) {
		return status(200).withBody("application/rss+xml; charset=UTF-8", xml);
	}

	/**
	 * A {@code 200} with the content of a class path resource, e.g. a recorded answer.
	 * @param location the resource, e.g. {@code feeds/daily.xml}
	 * @param contentType its content type
	 * @return the answer
	 */
	public static UpstreamResponse classpath(String location, String contentType) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try (InputStream in = loader.getResourceAsStream(location)) {
			if (in == null) {
				throw new IllegalArgumentException("No class path resource " + location);
			}
			return status(200).withHeader("Content-Type", contentType).withBody(in.readAllBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public UpstreamResponse withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new UpstreamResponse(this.status, headers, this.body, this.delay);
	}

	/**
	 * The same answer with a {@code Retry-After} header in seconds.
	 * @param after how long the client should wait
	 * @return the answer
	 */
	public UpstreamResponse withRetryAfter(Duration after) {
		return withHeader("Retry-After", Long.toString(after.toSeconds()));
	}

	public UpstreamResponse withBody(String contentType, String body) {
		return withHeader("Content-Type", contentType).withBody(body.getBytes(StandardCharsets.UTF_8));
	}

	public UpstreamResponse withBody(byte[] body) {
		return new UpstreamResponse(this.status, this.headers, body.clone(), this.delay);
	}

	/**
	 * The same answer, sent after a delay (a slow source, a timeout).
	 * @param delay how long to wait
	 * @return the answer
	 */
	public UpstreamResponse withDelay(Duration delay) {
		return new UpstreamResponse(this.status, this.headers, this.body, delay);
	}

}
