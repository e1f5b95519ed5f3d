package dev.collector.client;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.config.CollectorProperties;
import dev.collector.resilience.CollectorResilience;
import dev.collector.resilience.CollectorResilienceAutoConfiguration;

/**
 * A ready {@link RestClient} for collector authors, named {@code collectorRestClient}, on
 * the JDK HTTP client: every request goes through the collector's rate limiter, circuit
 * breaker and retry and is measured (see {@link ResilientHttpInterceptor}). Built with
 * Boot's {@link RestClientCustomizer} beans (see {@link #builder}), so that requests are
 * observed (HTTP client spans that carry the run's trace to the source). Inject it, or
 * {@code collectorRestClient.mutate()} it to add a base URL or headers.
 * <p>
 * With several collectors there is one {@code collectorRestClient} in the application's
 * context, where the collectors are; each request goes through the resilience of the
 * collector whose run is in progress on the calling thread
 * ({@link dev.collector.collect.RunningCollector}): its rate limiter, breaker and retry.
 * Outside any run a request is sent once, unguarded. Its time-outs are those of
 * {@code collector.http.*} and {@code collector.retry.attempt-timeout}, shared by all
 * collectors.
 */
@AutoConfiguration(after = CollectorResilienceAutoConfiguration.class,
		afterName = "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnClass({ RestClient.class, JdkClientHttpRequestFactory.class })
public class CollectorHttpClientAutoConfiguration {

	/** The client's bean name. */
	public static final String BEAN_NAME = "collectorRestClient";

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(CollectorResilience.class)
	static class OneCollectorConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		RestClient collectorRestClient(ObjectProvider<CollectorResilience> resilience, CollectorProperties properties,
				ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
				ObjectProvider<RestClientCustomizer> customizers) {
			// the resilience at the first request: the collector that injects this
			// client is being created now, and the resilience needs beans that may need
			// the collector
			return restClient(SingletonSupplier.of(resilience::getObject), properties, meters, clock, customizers);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnCollector(Cardinality.SEVERAL)
	@EnableConfigurationProperties(CollectorProperties.class)
	static class SeveralCollectorsConfiguration {

		@Bean(BEAN_NAME)
		@ConditionalOnMissingBean(name = BEAN_NAME)
		RestClient collectorRestClient(ObjectProvider<CollectorRegistry> registry, CollectorProperties properties,
				ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
				ObjectProvider<RestClientCustomizer> customizers) {
			// the registry when a request is made: the collectors that inject this
			// client exist before it
			return restClient(new RunningCollectorResilience(registry::getIfAvailable), properties, meters, clock,
					customizers);
		}

	}

	/**
	 * A {@code RestClient.Builder} configured as Spring Boot configures its own builder
	 * bean, with every {@link RestClientCustomizer} bean applied in order (message
	 * converters, observations, the application's own), but without the request factory
	 * that Boot's builder creates at once: creating the JDK client loads TLS and the
	 * trust store, about a quarter of a second of start-up (benchmarks,
	 * StartupComparison), and the starter's clients set a request factory of their own
	 * anyway.
	 * @param customizers the customizers of the application's context
	 * @return a new builder
	 */
	private static RestClient.Builder builder(ObjectProvider<RestClientCustomizer> customizers) {
		RestClient.Builder builder = RestClient.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	private static RestClient restClient(Supplier<CollectorResilience> resilience, CollectorProperties properties,
			ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock,
			ObjectProvider<RestClientCustomizer> customizers) {
		// built at the first request, not at start-up: building the JDK client loads TLS
		// and the trust store, about half a second of start-up (benchmarks/,
		// StartupComparison)
		SingletonSupplier<ClientHttpRequestFactory> jdkFactory = SingletonSupplier.of(() -> {
			HttpClient httpClient = HttpClient.newBuilder()
				.connectTimeout(properties.getHttp().getConnectTimeout())
				.followRedirects(HttpClient.Redirect.NORMAL)
				.build();
			JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(httpClient);
			factory.setReadTimeout(properties.getRetry().getAttemptTimeout());
			return factory;
		});
		ClientHttpRequestFactory requestFactory = (uri, method) -> jdkFactory.obtain().createRequest(uri, method);
		ResilientHttpInterceptor interceptor = new ResilientHttpInterceptor(resilience,
				meters.getIfAvailable(SimpleMeterRegistry::new), properties.getMetrics().getPrefix(),
				clock.getIfAvailable(Clock::systemUTC));
		// Boot's customizers: with an ObservationRegistry each request is a client
		// observation (an HTTP span, child of collector.source, whose trace goes to the
		// source in the traceparent header)
		return builder(customizers).requestFactory(requestFactory).requestInterceptor(interceptor).build();
	}

}
