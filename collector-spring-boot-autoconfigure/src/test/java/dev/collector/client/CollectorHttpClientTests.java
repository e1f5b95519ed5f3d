package dev.collector.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.RecordedRequest;
import dev.collector.test.support.UpstreamResponse;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.resilience.CollectorResilience;
import dev.collector.resilience.CollectorResilienceAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The collector HTTP client against a fake upstream: retries, Retry-After, the breaker,
 * the rate limit, timeouts and metrics. Bounds are generous: the tests prove order and
 * limits, not speed.
 */
class CollectorHttpClientTests {

	private final FakeUpstream upstream = FakeUpstream.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class, CollectorAutoConfiguration.class,
				CollectorResilienceAutoConfiguration.class, CollectorHttpClientAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.name=news",
				"collector.schedule.enabled=false", "collector.rate-limit.requests-per-minute=60000",
				"collector.retry.initial-delay=20ms", "collector.retry.max-delay=200ms")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ScriptedCollector.class, ScriptedCollector::new);

	@AfterEach
	void stopUpstream() {
		this.upstream.close();
	}

	@Test
	void retriesAnUnavailableSourceAndCountsEveryAttempt() {
		this.upstream.on("/news")
			.respond(UpstreamResponse.status(503), UpstreamResponse.status(502), UpstreamResponse.text("fine"));
		this.contextRunner.run((context) -> {
			String body = client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class);
			assertThat(body).isEqualTo("fine");
			assertThat(this.upstream.requests()).hasSize(3);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(
					meters.get("collector.api.requests").tags("endpoint", "/news", "status", "error").counter().count())
				.isEqualTo(2);
			assertThat(meters.get("collector.api.requests")
				.tags("endpoint", "/news", "status", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(
					meters.get("collector.api.latency").tags("endpoint", "/news", "collector", "news").timer().count())
				.isEqualTo(3);
		});
	}

	@Test
	void stopsRetryingAtTheLimitAndReportsTheLastAnswer() {
		this.upstream.on("/news").respond(UpstreamResponse.status(504));
		this.contextRunner.withPropertyValues("collector.retry.max-attempts=4").run((context) -> {
			assertThatExceptionOfType(HttpServerErrorException.GatewayTimeout.class)
				.isThrownBy(() -> client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class));
			assertThat(this.upstream.requests()).hasSize(4);
		});
	}

	@Test
	void doesNotRetryWhatIsNotSafeToRetry() {
		this.upstream.on("/news").respond(UpstreamResponse.status(500));
		this.contextRunner.run((context) -> {
			assertThatExceptionOfType(HttpServerErrorException.InternalServerError.class)
				.isThrownBy(() -> client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class));
			assertThat(this.upstream.requests()).hasSize(1);
		});
	}

	@Test
	void retriedStatusesAreConfigurable() {
		this.upstream.on("/news").respond(UpstreamResponse.status(500), UpstreamResponse.text("fine"));
		this.contextRunner.withPropertyValues("collector.retry.retry-on-status=500").run((context) -> {
			assertThat(client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class))
				.isEqualTo("fine");
			assertThat(this.upstream.requests()).hasSize(2);
		});
	}

	@Test
	void honoursRetryAfterInsteadOfItsOwnShortDelay() {
		this.upstream.on("/news")
			.respond(UpstreamResponse.status(429).withRetryAfter(Duration.ofSeconds(1)), UpstreamResponse.text("fine"));
		this.contextRunner.withPropertyValues("collector.retry.max-delay=5s").run((context) -> {
			assertThat(client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class))
				.isEqualTo("fine");
			List<Long> arrivals = arrivals();
			assertThat(arrivals).hasSize(2);
			// the own backoff would wait 10 to 30 ms; the source asked for a second
			assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isGreaterThan(Duration.ofMillis(900));
		});
	}

	@Test
	void givesUpOnTooManyRequestsAfterTheLastAttempt() {
		this.upstream.on("/news").respond(UpstreamResponse.status(429).withRetryAfter(Duration.ofSeconds(0)));
		this.contextRunner.withPropertyValues("collector.retry.max-attempts=2").run((context) -> {
			assertThatExceptionOfType(HttpClientErrorException.TooManyRequests.class)
				.isThrownBy(() -> client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class));
			assertThat(this.upstream.requests()).hasSize(2);
		});
	}

	@Test
	void timesOutASlowSourceAndRetriesIt() {
		this.upstream.on("/news")
			.respond(UpstreamResponse.text("late").withDelay(Duration.ofSeconds(3)), UpstreamResponse.text("fine"));
		this.contextRunner.withPropertyValues("collector.retry.attempt-timeout=300ms").run((context) -> {
			assertThat(client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class))
				.isEqualTo("fine");
			assertThat(this.upstream.requests()).hasSize(2);
		});
	}

	@Test
	void retriesAFailedConnectionUpToTheLimit() {
		this.upstream.close();
		this.contextRunner.withPropertyValues("collector.retry.max-attempts=2").run((context) -> {
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> client(context).get().uri(this.upstream.url("/news")).retrieve().body(String.class));
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("collector.api.requests").tags("status", "error").counter().count()).isEqualTo(2);
		});
	}

	@Test
	void breakerOpensAfterTheThresholdThenHalfOpensAndCloses() {
		this.upstream.on("/news").respond(UpstreamResponse.status(503));
		this.contextRunner
			.withPropertyValues("collector.retry.max-attempts=1", "collector.circuit-breaker.failure-threshold=3",
					"collector.circuit-breaker.open-duration=300ms")
			.run((context) -> {
				RestClient client = client(context);
				for (int i = 0; i < 3; i++) {
					assertThatExceptionOfType(HttpServerErrorException.ServiceUnavailable.class)
						.isThrownBy(() -> client.get().uri(this.upstream.url("/news")).retrieve().body(String.class));
				}
				CircuitBreaker breaker = context.getBean(CollectorResilience.class).circuitBreaker();
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThatExceptionOfType(CallNotPermittedException.class)
					.isThrownBy(() -> client.get().uri(this.upstream.url("/news")).retrieve().body(String.class));
				assertThat(this.upstream.requests()).as("an open breaker keeps calls away").hasSize(3);

				this.upstream.on("/news").respond(UpstreamResponse.text("back"));
				Thread.sleep(500);
				assertThat(client.get().uri(this.upstream.url("/news")).retrieve().body(String.class))
					.isEqualTo("back");
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
				assertThat(this.upstream.requests()).hasSize(4);
			});
	}

	@Test
	void failedHalfOpenTrialOpensTheBreakerAgain() {
		this.upstream.on("/news").respond(UpstreamResponse.status(503));
		this.contextRunner
			.withPropertyValues("collector.retry.max-attempts=1", "collector.circuit-breaker.failure-threshold=2",
					"collector.circuit-breaker.open-duration=200ms")
			.run((context) -> {
				RestClient client = client(context);
				for (int i = 0; i < 2; i++) {
					assertThatExceptionOfType(HttpServerErrorException.class)
						.isThrownBy(() -> client.get().uri(this.upstream.url("/news")).retrieve().body(String.class));
				}
				CircuitBreaker breaker = context.getBean(CollectorResilience.class).circuitBreaker();
				Thread.sleep(350);
				assertThatExceptionOfType(HttpServerErrorException.class)
					.isThrownBy(() -> client.get().uri(this.upstream.url("/news")).retrieve().body(String.class));
				assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
				assertThat(this.upstream.requests()).hasSize(3);
			});
	}

	@Test
	void rateLimitIsNeverExceededWhateverTheConcurrency() {
		this.upstream.on("/news").respond(UpstreamResponse.text("fine"));
		this.contextRunner.withPropertyValues("collector.rate-limit.requests-per-minute=600").run((context) -> {
			RestClient client = client(context);
			ExecutorService threads = Executors.newFixedThreadPool(6);
			try {
				List<Future<String>> calls = new ArrayList<>();
				for (int i = 0; i < 24; i++) {
					calls.add(threads
						.submit(() -> client.get().uri(this.upstream.url("/news")).retrieve().body(String.class)));
				}
				for (Future<String> call : calls) {
					assertThat(call.get(30, TimeUnit.SECONDS)).isEqualTo("fine");
				}
			}
			finally {
				threads.shutdownNow();
			}
			List<Long> arrivals = arrivals().stream().sorted().toList();
			assertThat(arrivals).hasSize(24);
			// 10 per second allowed, one permit every 100 ms: 24 requests span at least
			// 2.3 s at the source (2.0 s leaves room for scheduling), and no window of
			// one
			// second holds more than 10, give or take 2 for the permit at the window's
			// edge and for network jitter
			long second = TimeUnit.SECONDS.toNanos(1);
			assertThat(arrivals.get(arrivals.size() - 1) - arrivals.get(0)).isGreaterThan(2 * second);
			for (int i = 0; i < arrivals.size(); i++) {
				long start = arrivals.get(i);
				long inWindow = arrivals.stream().filter((t) -> t >= start && t < start + second).count();
				assertThat(inWindow).isLessThanOrEqualTo(12);
			}
		});
	}

	private static RestClient client(org.springframework.context.ApplicationContext context) {
		return context.getBean("collectorRestClient", RestClient.class);
	}

	private List<Long> arrivals() {
		return this.upstream.requests().stream().map(RecordedRequest::receivedNanos).toList();
	}

}
