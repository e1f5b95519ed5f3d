package dev.collector.ops;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.SingleCollector;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.alerting.CollectorAlertingAutoConfiguration;
import dev.collector.alerting.WebhookAlertSender;
import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectionSchedule;
import dev.collector.collect.Collector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.CollectorStatus;
import dev.collector.collect.RunHistory;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;
import dev.collector.logs.CollectorLogsAutoConfiguration;
import dev.collector.security.CollectorSecurityAutoConfiguration;
import dev.collector.security.SecretMasker;

/**
 * The operations surface of one collector: GET /status, /data-quality, /performance,
 * /circuit-breaker-status, POST /alert, /validate-data. Each endpoint is a bean that
 * backs off when the application declares its own. What serves all collectors (GET /logs,
 * the status page, problem answers) is
 * {@link CollectorSharedOperationsAutoConfiguration}.
 */
@AutoConfiguration(after = { CollectorAutoConfiguration.class, CollectorJdbcAutoConfiguration.class,
		CollectorLogsAutoConfiguration.class, CollectorAlertingAutoConfiguration.class,
		CollectorSecurityAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
@ConditionalOnCollector
public class CollectorOperationsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StatusController collectorStatusController(CollectorIdentity identity, CollectorProperties properties,
			CollectorStatus status, RunHistory history, CheckpointStore checkpoints,
			ObjectProvider<CollectionSchedule> scheduler, ObjectProvider<ResilienceView> resilience,
			ObjectProvider<StatusContributor> contributors, ObjectProvider<SecretMasker> masker,
			ObjectProvider<BuildProperties> buildProperties, Clock clock) {
		return new StatusController(identity, properties, status, history, checkpoints, scheduler, resilience,
				contributors, masker.getIfAvailable(SecretMasker::new), buildProperties, clock);
	}

	@Bean
	@ConditionalOnMissingBean
	CircuitBreakerStatusController collectorCircuitBreakerStatusController(ObjectProvider<ResilienceView> resilience) {
		return new CircuitBreakerStatusController(resilience);
	}

	@Bean
	@ConditionalOnMissingBean
	AlertController collectorAlertController(ObjectProvider<WebhookAlertSender> sender) {
		return new AlertController(sender);
	}

	@Bean
	@ConditionalOnMissingBean
	ValidateDataController collectorValidateDataController(ListableBeanFactory beanFactory,
			ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<Validator> validator,
			CollectorProperties properties) {
		return new ValidateDataController(SingleCollector.of(beanFactory).recordType(),
				objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()),
				properties.getValidation().isEnabled() ? validator.getIfAvailable() : null);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(MeterRegistry.class)
	PerformanceController collectorPerformanceController(MeterRegistry registry, CollectorProperties properties,
			CollectorIdentity identity) {
		return new PerformanceController(registry, properties.getMetrics().getPrefix(), identity);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(JdbcTemplate.class)
	static class DataQualityConfiguration {

		@Bean
		@ConditionalOnMissingBean
		QualityFigures collectorQualityFigures(JdbcTemplate jdbcTemplate) {
			return new JdbcQualityFigures(jdbcTemplate);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(QualityFigures.class)
	DataQualityController collectorDataQualityController(CollectorIdentity identity, QualityFigures figures,
			CollectorProperties properties, Clock clock) {
		return new DataQualityController(identity, figures, () -> properties.getDataQuality().getWindow(),
				() -> properties.getDataQuality().getTopErrors(), clock);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ CircuitBreakerRegistry.class, RateLimiterRegistry.class })
	static class Resilience4jConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ResilienceView collectorResilienceView(ObjectProvider<CircuitBreakerRegistry> breakers,
				ObjectProvider<RateLimiterRegistry> limiters, ApplicationContext context, CollectorIdentity identity) {
			if (servesOneOfSeveral(context)) {
				// the registries are the application's, shared by its collectors: this
				// collector's instances are the ones named after it
				return new Resilience4jView(breakers, limiters, identity.name()::equals);
			}
			return new Resilience4jView(breakers, limiters);
		}

		private static boolean servesOneOfSeveral(ApplicationContext context) {
			ApplicationContext parent = context.getParent();
			return parent != null && parent.getBeanNamesForType(Collector.class).length > 1;
		}

	}

}
