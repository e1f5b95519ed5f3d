package dev.collector.alerting;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.web.client.RestClientAutoConfiguration;
import org.springframework.boot.web.client.RestClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.client.RestClient;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.config.AlertingProperties;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;

/**
 * Alerts to a webhook: {@link WebhookAlertSender} when
 * {@code collector.alerting.webhook-url} is set (it serves POST /alert), and
 * {@link AutomaticAlerts} on failures and recovery when
 * {@code collector.alerting.enabled=true}.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, RestClientAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnClass({ RetryTemplate.class, RestClient.class })
@ConditionalOnCollector
@ConditionalOnProperty(name = "collector.alerting.webhook-url")
public class CollectorAlertingAutoConfiguration {

	/** Name of the executor that delivers automatic alerts. */
	public static final String ALERT_EXECUTOR_BEAN_NAME = "collectorAlertExecutor";

	private static final int ALERT_QUEUE_CAPACITY = 100;

	@Bean
	@ConditionalOnMissingBean
	WebhookAlertSender webhookAlertSender(CollectorProperties properties, CollectorIdentity identity, Clock clock,
			ObjectProvider<RestClientCustomizer> customizers, ObjectProvider<MeterRegistry> registry) {
		AlertingProperties alerting = properties.getAlerting();
		SimpleClientHttpRequestFactory requestFactory = new SimpleClientHttpRequestFactory();
		requestFactory.setConnectTimeout(alerting.getTimeout());
		requestFactory.setReadTimeout(alerting.getTimeout());
		// Boot's customizers on a new builder, not Boot's builder bean: that one creates
		// the JDK HttpClient (TLS, trust store) at once, for a request factory replaced
		// here
		RestClient.Builder builder = RestClient.builder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		RestClient client = builder.requestFactory(requestFactory).build();
		RetryTemplate retry = RetryTemplate.builder()
			.maxAttempts(alerting.getMaxAttempts())
			.exponentialBackoff(Math.max(1, alerting.getRetryDelay().toMillis()), 2.0, 30_000)
			.build();
		return new WebhookAlertSender(client, alerting.getWebhookUrl().strip(), retry, identity, clock,
				registry.getIfAvailable(SimpleMeterRegistry::new), properties.getMetrics().getPrefix());
	}

	@Bean(name = ALERT_EXECUTOR_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = ALERT_EXECUTOR_BEAN_NAME)
	@ConditionalOnBooleanProperty("collector.alerting.enabled")
	ThreadPoolTaskExecutor collectorAlertExecutor() {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(1);
		executor.setMaxPoolSize(1);
		executor.setQueueCapacity(ALERT_QUEUE_CAPACITY);
		executor.setThreadNamePrefix("collector-alert-");
		executor.setWaitForTasksToCompleteOnShutdown(true);
		executor.setAwaitTerminationSeconds(10);
		return executor;
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty("collector.alerting.enabled")
	AutomaticAlerts automaticAlerts(WebhookAlertSender sender, CollectorProperties properties,
			@Qualifier(ALERT_EXECUTOR_BEAN_NAME) ThreadPoolTaskExecutor executor) {
		return new AutomaticAlerts(sender, executor, properties.getAlerting().getErrorThreshold());
	}

}
