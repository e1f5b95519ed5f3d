package dev.collector.test.support;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A request as a {@link FakeUpstream} received it.
 *
 * @param method the HTTP method
 * @param path the path, without the query
 * @param query the raw query, or {@code null}
 * @param headers the headers (names are case-insensitive)
 * @param body the body, empty when there was none
 * @param receivedNanos when it arrived, in {@link System#nanoTime()} (to measure the
 * pauses between retries)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body,
		long receivedNanos) {

	public RecordedRequest {
		headers = Collections.unmodifiableMap(headers);
	}

	/**
	 * The first value of a header.
	 * @param name the header name, in any case
	 * @return the value, or {@code null}
	 */
	public String header(String name) {
		return this.headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.flatMap((entry) -> entry.getValue().stream())
			.findFirst()
			.orElse(null);
	}

	/**
	 * The first value of a query parameter, decoded.
	 * @param name the parameter's name
	 * @return the value, or {@code null} when the request does not carry it
	 */
	public String parameter(String name) {
		return RequestTarget.parameters(this.query)
			.stream()
			.filter((parameter) -> parameter.getKey().equals(name))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElse(null);
	}

	/**
	 * The body as UTF-8 text.
	 * @return the body
	 */
	public String bodyText() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
