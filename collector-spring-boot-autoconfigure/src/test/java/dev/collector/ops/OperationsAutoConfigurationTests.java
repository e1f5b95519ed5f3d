package dev.collector.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import dev.collector.alerting.AutomaticAlerts;
import dev.collector.alerting.CollectorAlertingAutoConfiguration;
import dev.collector.alerting.WebhookAlertSender;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.logs.CollectorLogsAutoConfiguration;
import dev.collector.logs.LogRingBuffer;
import dev.collector.security.ApiTokenAuthorizer;
import dev.collector.security.CollectorSecurityAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ValidationAutoConfiguration.class, JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
				CollectorAutoConfiguration.class, CollectorLogsAutoConfiguration.class,
				CollectorAlertingAutoConfiguration.class, CollectorSecurityAutoConfiguration.class,
				CollectorOperationsAutoConfiguration.class, CollectorSharedOperationsAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new);

	@Test
	void registersNothingWithoutACollector() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(StatusController.class)
			.doesNotHaveBean(LogRingBuffer.class)
			.doesNotHaveBean(ApiTokenAuthorizer.class));
	}

	@Test
	void registersEveryEndpointAndTheGuardForACollector() {
		this.contextRunner.withBean(ScriptedCollector.class).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(StatusController.class)
				.hasSingleBean(DataQualityController.class)
				.hasSingleBean(PerformanceController.class)
				.hasSingleBean(CircuitBreakerStatusController.class)
				.hasSingleBean(LogsController.class)
				.hasSingleBean(AlertController.class)
				.hasSingleBean(ValidateDataController.class)
				.hasSingleBean(StatusPageController.class)
				.hasSingleBean(ResilienceView.class)
				.hasSingleBean(ApiTokenAuthorizer.class)
				.hasBean("collectorRequestGuardFilter")
				.doesNotHaveBean(WebhookAlertSender.class)
				.doesNotHaveBean(AutomaticAlerts.class);
			assertThat(context.getBean("collectorRequestGuardFilter")).isInstanceOf(FilterRegistrationBean.class);
		});
	}

	@Test
	void webhookUrlEnablesPostAlertAndEnabledAddsAutomaticAlerts() {
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.alerting.webhook-url=https://hooks.example.org/x")
			.run((context) -> assertThat(context).hasSingleBean(WebhookAlertSender.class)
				.doesNotHaveBean(AutomaticAlerts.class));
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.alerting.webhook-url=https://hooks.example.org/x",
					"collector.alerting.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(WebhookAlertSender.class)
				.hasSingleBean(AutomaticAlerts.class));
	}

	@Test
	void impossibleAlertingOrSecuritySettingsStopTheStartWithoutEchoingSecrets() {
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.alerting.webhook-url=not a url/secretpart")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("alerting.webhookUrl")
					.hasMessageContaining("absolute http or https URL");
			});
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.alerting.enabled=true")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("must be set when collector.alerting.enabled is true"));
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.security.api-token=short", "collector.logs.buffer-size=0")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("security.apiToken")
				.hasMessageContaining("logs.bufferSize"));
	}

	@Test
	void logBufferCanBeSwitchedOffAndLogsEndpointGoesWithIt() {
		this.contextRunner.withBean(ScriptedCollector.class)
			.withPropertyValues("collector.logs.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LogRingBuffer.class)
				.doesNotHaveBean(LogsController.class));
	}

	@Test
	void backsOffForTheApplicationsOwnBeans() {
		this.contextRunner.withBean(ScriptedCollector.class)
			.withBean("myStatus", StatusController.class, () -> null)
			.run((context) -> assertThat(context).hasNotFailed()
				.getBeanNames(StatusController.class)
				.containsExactly("myStatus"));
	}

}
