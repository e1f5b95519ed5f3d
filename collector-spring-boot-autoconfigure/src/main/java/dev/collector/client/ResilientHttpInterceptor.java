package dev.collector.client;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.util.StreamUtils;

import dev.collector.resilience.CollectorResilience;

/**
 * Sends every request of the collector HTTP client through the collector's rate limiter
 * and circuit breaker, retries what is safe to retry (the statuses of
 * collector.retry.retry-on-status, connection failures, timeouts) with exponential
 * backoff and jitter, waiting at least as long as a Retry-After asks, and measures every
 * attempt:
 * <ul>
 * <li>{@code collector_api_requests_total{endpoint, status="success|error"}}</li>
 * <li>{@code collector_api_latency_seconds{endpoint}}</li>
 * </ul>
 * The endpoint is the request's URI template when the caller used one (e.g.
 * {@code /news/{id}}), else its path, so that labels stay few.
 * <p>
 * The resilience is looked up at each request: the single collector's, or with several
 * collectors that of the collector whose run is in progress on the calling thread
 * ({@link dev.collector.collect.RunningCollector}). Without one (a call outside any run)
 * the request is sent once, unguarded, and measured with {@code collector="none"}.
 */
class ResilientHttpInterceptor implements ClientHttpRequestInterceptor {

	/** The collector's name on what is measured outside any collector's run. */
	static final String NO_COLLECTOR = "none";

	private final Supplier<CollectorResilience> resilience;

	private final MeterRegistry meters;

	private final String prefix;

	private final Clock clock;

	ResilientHttpInterceptor(CollectorResilience resilience, MeterRegistry meters, String prefix, Clock clock) {
		this(() -> resilience, meters, prefix, clock);
	}

	/**
	 * Create the interceptor with the resilience of the moment.
	 * @param resilience the resilience to guard a request with, {@code null} for none
	 * @param meters where requests are measured
	 * @param prefix the metrics' prefix
	 * @param clock reads an HTTP date of Retry-After
	 */
	ResilientHttpInterceptor(Supplier<CollectorResilience> resilience, MeterRegistry meters, String prefix,
			Clock clock) {
		this.resilience = resilience;
		this.meters = meters;
		this.prefix = prefix;
		this.clock = clock;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String endpoint = endpoint(request);
		CollectorResilience resilience = this.resilience.get();
		if (resilience == null) {
			return attempt(null, endpoint, request, body, execution);
		}
		Callable<ClientHttpResponse> attempt = () -> {
			// asked again once the permit came: a 429 may have paused the budget
			// meanwhile
			resilience.awaitBudget();
			return attempt(resilience, endpoint, request, body, execution);
		};
		Callable<ClientHttpResponse> limited = () -> {
			resilience.acquirePermit();
			return attempt.call();
		};
		Callable<ClientHttpResponse> budgeted = () -> {
			// no permit, not even a wait for one, while the budget is paused after a 429
			resilience.awaitBudget();
			return limited.call();
		};
		Callable<ClientHttpResponse> guarded = io.github.resilience4j.circuitbreaker.CircuitBreaker
			.decorateCallable(resilience.circuitBreaker(), budgeted);
		try {
			return resilience.httpRetry().executeCallable(guarded);
		}
		catch (RetryableStatusException ex) {
			throw ex.toResponseException();
		}
		catch (IOException | RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IOException(ex);
		}
	}

	private ClientHttpResponse attempt(CollectorResilience resilience, String endpoint, HttpRequest request,
			byte[] body, ClientHttpRequestExecution execution) throws IOException {
		Timer.Sample sample = Timer.start(this.meters);
		boolean success = false;
		try {
			ClientHttpResponse response = execution.execute(request, body);
			int status = response.getStatusCode().value();
			success = status < 400;
			if (status == 429 && resilience != null) {
				// too many requests: the whole budget pauses and shrinks, not only this
				// call
				resilience.throttled(retryAfter(response.getHeaders()));
			}
			if (resilience != null && resilience.retryOnStatus().contains(status)) {
				try (response) {
					byte[] content = StreamUtils.copyToByteArray(response.getBody());
					throw new RetryableStatusException(response.getStatusCode(), response.getStatusText(),
							response.getHeaders(), content, retryAfter(response.getHeaders()));
				}
			}
			return response;
		}
		finally {
			sample.stop(Timer.builder(this.prefix + ".api.latency")
				.description("Time of one request to the collector's source")
				.tags(tags(resilience, endpoint))
				.register(this.meters));
			Counter.builder(this.prefix + ".api.requests")
				.description("Requests to the collector's source")
				.tags(tags(resilience, endpoint).and("status", success ? "success" : "error"))
				.register(this.meters)
				.increment();
		}
	}

	private static Tags tags(CollectorResilience resilience, String endpoint) {
		return Tags.of("collector", (resilience != null) ? resilience.name() : NO_COLLECTOR, "endpoint", endpoint);
	}

	/** Retry-After as seconds or as an HTTP date. */
	Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(this.clock.instant(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException unparsable) {
				return null;
			}
		}
	}

	private static String endpoint(HttpRequest request) {
		for (Map.Entry<String, Object> attribute : request.getAttributes().entrySet()) {
			if (attribute.getKey().endsWith(".uriTemplate") && attribute.getValue() instanceof String template) {
				int query = template.indexOf('?');
				String withoutQuery = (query >= 0) ? template.substring(0, query) : template;
				int scheme = withoutQuery.indexOf("://");
				if (scheme >= 0) {
					int path = withoutQuery.indexOf('/', scheme + 3);
					return (path >= 0) ? withoutQuery.substring(path) : "/";
				}
				return withoutQuery;
			}
		}
		String path = request.getURI().getPath();
		return (path == null || path.isEmpty()) ? "/" : path;
	}

}
