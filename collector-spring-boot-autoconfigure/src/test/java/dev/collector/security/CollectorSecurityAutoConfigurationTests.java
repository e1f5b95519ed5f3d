package dev.collector.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.servlet.handler.MappedInterceptor;

import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class CollectorSecurityAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
				ValidationAutoConfiguration.class, JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
				CollectorAutoConfiguration.class, CollectorSecurityAutoConfiguration.class))
		.withPropertyValues("spring.datasource.generate-unique-name=true", "collector.schedule.enabled=false")
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withBean(ScriptedCollector.class);

	@Test
	void decidesInAFilterAndAgainOnTheResolvedHandler() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(ApiTokenAuthorizer.class)
			.hasBean("collectorRequestGuardFilter")
			.hasBean("collectorProtectedHandlerInterceptor")
			.hasBean("collectorSecurityHeadersInterceptor")
			.getBeans(MappedInterceptor.class)
			.hasSize(2));
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwn() {
		this.contextRunner.withBean("collectorProtectedHandlerInterceptor", MappedInterceptor.class,
				() -> new MappedInterceptor(null, new org.springframework.web.servlet.HandlerInterceptor() {
				}))
			.run((context) -> assertThat(
					context.getBean("collectorProtectedHandlerInterceptor", MappedInterceptor.class).getInterceptor())
				.isNotInstanceOf(ProtectedHandlerInterceptor.class));
	}

	@Test
	void loopbackOnlyModeIsRefusedWhereForwardedHeadersReplaceThePeerAddress() {
		for (String strategy : new String[] { "native", "framework", "NATIVE" }) {
			this.contextRunner.withPropertyValues("server.forward-headers-strategy=" + strategy)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(LoopbackOnlyBehindProxyException.class)
					.hasMessageContaining("server.forward-headers-strategy=" + strategy.toLowerCase()));
		}
		// left unset on Kubernetes, Spring Boot honours them itself
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(LoopbackOnlyBehindProxyException.class)
				.hasMessageContaining("KUBERNETES"));
		this.contextRunner.withBean(ForwardedHeaderFilter.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("registers a ForwardedHeaderFilter"));
		this.contextRunner.withUserConfiguration(ForwardedHeaderFilterRegistration.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("registers a ForwardedHeaderFilter"));
	}

	@Test
	void loopbackOnlyModeStaysWhereThePeerAddressIsTheSocketsAndATokenIsEnoughBehindAProxy() {
		this.contextRunner
			.withPropertyValues("server.forward-headers-strategy=none", "spring.main.cloud-platform=kubernetes")
			.run((context) -> assertThat(context).hasNotFailed());
		this.contextRunner
			.withPropertyValues("server.forward-headers-strategy=native",
					"collector.security.api-token=a-long-enough-token")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void theFailureAnalysisNamesThePropertyAndTheFix() {
		FailureAnalysis analysis = new LoopbackOnlyBehindProxyFailureAnalyzer()
			.analyze(new LoopbackOnlyBehindProxyException("server.forward-headers-strategy=native"));
		assertThat(analysis.getDescription()).contains("server.forward-headers-strategy=native")
			.contains("X-Forwarded-For")
			.contains("collector.security.api-token");
		assertThat(analysis.getAction()).contains("collector.security.api-token")
			.contains("server.forward-headers-strategy=none");
	}

	@Test
	void aProtectedPathThatIsNoPathPatternFailsTheStartUp() {
		this.contextRunner.withPropertyValues("collector.security.protected-paths=/collect,/a/**/b")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("'/a/**/b' is not a Spring MVC path pattern"));
	}

	@Configuration(proxyBeanMethods = false)
	static class ForwardedHeaderFilterRegistration {

		@Bean
		FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
			return new FilterRegistrationBean<>(new ForwardedHeaderFilter());
		}

	}

}
