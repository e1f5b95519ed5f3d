package dev.collector.client;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectionRunner;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.RunningCollector;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.Quote;
import dev.collector.fixtures.Reading;
import dev.collector.fixtures.TwoCollectorsApplication;
import dev.collector.resilience.CollectorResilience;
import dev.collector.sourcecheck.SourceChecker;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.UpstreamResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two collectors that inject the one {@code collectorRestClient} of the application: each
 * request goes through the resilience of the collector whose run makes it, on the thread
 * that opens the source as on the one that reads it.
 */
class CollectorHttpClientCollectorsTests {

	private final FakeUpstream upstream = FakeUpstream.start();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withUserConfiguration(TwoHttpCollectorsApplication.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none", "collector.schedule.enabled=false",
				"collector.retry.initial-delay=10ms", "collector.retry.max-delay=50ms",
				"collector.collectors.quotes.retry.max-attempts=2", "upstream.url=" + this.upstream.baseUrl())
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@AfterEach
	void stopUpstream() {
		this.upstream.close();
	}

	@Test
	void theApplicationHasOneClientThatBothCollectorsUse() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBeansOfType(RestClient.class)).containsOnlyKeys("collectorRestClient");
			for (var unit : context.getBean(CollectorRegistry.class).units()) {
				assertThat(unit.context().getBeansOfType(RestClient.class)).isEmpty();
			}
		});
	}

	@Test
	void eachRunGoesThroughItsCollectorsBreakerAndIsLabelledWithIt() {
		this.upstream.on("/readings/open").respond(UpstreamResponse.text("ok"));
		this.upstream.on("/readings/page").respond(UpstreamResponse.text("ok"));
		this.upstream.on("/quotes/open").respond(UpstreamResponse.status(503));
		this.contextRunner.run((context) -> {
			CircuitBreaker readings = resilience(context, "readings").circuitBreaker();
			CircuitBreaker quotes = resilience(context, "quotes").circuitBreaker();
			assertThat(readings).isNotSameAs(quotes);
			AtomicInteger readingsPermits = new AtomicInteger();
			AtomicInteger quotesPermits = new AtomicInteger();
			resilience(context, "readings").rateLimiter()
				.getEventPublisher()
				.onSuccess((event) -> readingsPermits.incrementAndGet());
			resilience(context, "quotes").rateLimiter()
				.getEventPublisher()
				.onSuccess((event) -> quotesPermits.incrementAndGet());

			assertThat(run(context, "readings").status()).isEqualTo(CollectionResult.Status.SUCCEEDED);
			// the source's opening, and the two requests: the first made on the thread
			// that opens the source, the second on the run's thread that reads it
			assertThat(readings.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(3);
			assertThat(quotes.getMetrics().getNumberOfBufferedCalls()).isZero();
			// and through its rate limiter: a permit for each of the three
			assertThat(readingsPermits).hasValue(3);
			assertThat(quotesPermits).hasValue(0);

			assertThat(run(context, "quotes").status()).isEqualTo(CollectionResult.Status.FAILED);
			// quotes' own retry: two requests for each of its two source attempts
			assertThat(this.upstream.requests("/quotes/open")).hasSize(4);
			assertThat(quotes.getMetrics().getNumberOfFailedCalls()).isPositive();
			assertThat(readings.getMetrics().getNumberOfFailedCalls()).isZero();

			MeterRegistry meters = context.getBean(MeterRegistry.class);
			// the source's opening is counted too, as endpoint "source"
			for (String endpoint : new String[] { "/readings/open", "/readings/page" }) {
				assertThat(meters.get("collector.api.requests")
					.tags("collector", "readings", "endpoint", endpoint, "status", "success")
					.counter()
					.count()).isEqualTo(1);
			}
			assertThat(meters.get("collector.api.requests")
				.tags("collector", "quotes", "endpoint", "/quotes/open", "status", "error")
				.counter()
				.count()).isEqualTo(4);
		});
	}

	@Test
	void aSourceCheckIsItsCollectorsToo() {
		this.upstream.on("/quotes/open").respond(UpstreamResponse.text("ok"));
		this.contextRunner.run((context) -> {
			SourceChecker checker = context.getBean(CollectorRegistry.class).get("quotes").get(SourceChecker.class);
			assertThat(checker.checkNow().reachable()).isTrue();
			assertThat(context.getBean(MeterRegistry.class)
				.get("collector.api.requests")
				.tags("collector", "quotes", "endpoint", "/quotes/open", "status", "success")
				.counter()
				.count()).isEqualTo(1);
			assertThat(resilience(context, "quotes").circuitBreaker().getMetrics().getNumberOfSuccessfulCalls())
				.isOne();
		});
	}

	@Test
	void outsideAnyRunARequestIsSentOnceUnguarded() {
		this.upstream.on("/quotes/open").respond(UpstreamResponse.status(503));
		this.contextRunner.run((context) -> {
			assertThat(RunningCollector.current()).isEmpty();
			RestClient client = context.getBean("collectorRestClient", RestClient.class);
			assertThatExceptionOfType(HttpServerErrorException.class)
				.isThrownBy(() -> client.get().uri(this.upstream.url("/quotes/open")).retrieve().toBodilessEntity());
			assertThat(this.upstream.requests("/quotes/open")).hasSize(1);
			assertThat(resilience(context, "quotes").circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isZero();
			assertThat(context.getBean(MeterRegistry.class)
				.get("collector.api.requests")
				.tags("collector", ResilientHttpInterceptor.NO_COLLECTOR, "status", "error")
				.counter()
				.count()).isEqualTo(1);
		});
	}

	@Test
	void aSingleCollectorThatInjectsTheClientStartsAndUsesItsResilience() {
		this.upstream.on("/readings/open").respond(UpstreamResponse.text("ok"));
		this.upstream.on("/readings/page").respond(UpstreamResponse.text("ok"));
		new ApplicationContextRunner().withUserConfiguration(OneHttpCollectorApplication.class)
			.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
					"spring.main.web-application-type=none", "collector.schedule.enabled=false",
					"upstream.url=" + this.upstream.baseUrl())
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				// the collector is created before the resilience, which needs its
				// identity
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(CollectionRunner.class).run(Trigger.MANUAL).status())
					.isEqualTo(CollectionResult.Status.SUCCEEDED);
				assertThat(context.getBean(CollectorResilience.class)
					.circuitBreaker()
					.getMetrics()
					.getNumberOfSuccessfulCalls()).isEqualTo(3);
			});
	}

	private static CollectionResult run(AssertableApplicationContext context, String collector) {
		return context.getBean(CollectorRegistry.class).get(collector).get(CollectionRunner.class).run(Trigger.MANUAL);
	}

	private static CollectorResilience resilience(AssertableApplicationContext context, String collector) {
		return context.getBean(CollectorRegistry.class).get(collector).get(CollectorResilience.class);
	}

	/**
	 * The {@code readings} collector of {@link TwoHttpCollectorsApplication} alone.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OneHttpCollectorApplication {

		@Bean
		Collector<Reading> readings(RestClient collectorRestClient, Environment environment) {
			return new TwoHttpCollectorsApplication().readings(collectorRestClient, environment);
		}

	}

	/**
	 * Two collectors that call their source with the application's
	 * {@code collectorRestClient}: {@code readings} once when it opens and once while its
	 * records are read, {@code quotes} once when it opens.
	 */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TwoHttpCollectorsApplication {

		@Bean
		Collector<Reading> readings(RestClient collectorRestClient, Environment environment) {
			String url = environment.getProperty("upstream.url");
			return new Collector<>() {
				@Override
				public Stream<Reading> collect(CollectionRequest request) {
					collectorRestClient.get().uri(url + "/readings/open").retrieve().toBodilessEntity();
					return Stream.of("/readings/page").flatMap((page) -> {
						collectorRestClient.get().uri(url + page).retrieve().toBodilessEntity();
						return Stream.<Reading>empty();
					});
				}
			};
		}

		@Bean
		Collector<Quote> quotes(RestClient collectorRestClient, Environment environment) {
			String url = environment.getProperty("upstream.url");
			return new Collector<>() {
				@Override
				public Stream<Quote> collect(CollectionRequest request) {
					collectorRestClient.get().uri(url + "/quotes/open").retrieve().toBodilessEntity();
					return Stream.empty();
				}
			};
		}

	}

}
