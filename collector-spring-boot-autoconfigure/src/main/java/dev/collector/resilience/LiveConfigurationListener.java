package dev.collector.resilience;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;

import dev.collector.config.CollectorProperties;

/**
 * Applies changed properties after /actuator/refresh (or a watched file change): rebuilds
 * the rate limiter, circuit breaker, retries and time limiter from the new values. Batch
 * sizes are read at the start of every run and the log levels are applied by
 * spring-cloud-context itself; {@link CollectorProperties} is rebound by it too. Any
 * other changed {@code collector.*} property is logged as needing a restart, and a new
 * value that is invalid is logged and not applied (the old one stays).
 */
public class LiveConfigurationListener implements ApplicationListener<EnvironmentChangeEvent> {

	private static final Logger logger = LoggerFactory.getLogger(LiveConfigurationListener.class);

	/** Prefixes of the properties that apply without a restart. */
	static final List<String> LIVE = List.of("collector.rate-limit.", "collector.circuit-breaker.", "collector.retry.",
			"collector.sink.batch-size", "collector.schedule.interval", "logging.level.");

	private final Environment environment;

	private final ObjectProvider<CollectorResilience> resilience;

	public LiveConfigurationListener(Environment environment, ObjectProvider<CollectorResilience> resilience) {
		this.environment = environment;
		this.resilience = resilience;
	}

	@Override
	public void onApplicationEvent(EnvironmentChangeEvent event) {
		Set<String> changed = new TreeSet<>(event.getKeys());
		Set<String> restartNeeded = new TreeSet<>();
		for (String key : changed) {
			if (key.startsWith("collector.") && LIVE.stream().noneMatch(key::startsWith)) {
				restartNeeded.add(key);
			}
		}
		if (!restartNeeded.isEmpty()) {
			logger.warn("Changed properties {} apply only after a restart", restartNeeded);
		}
		if (changed.stream().noneMatch((key) -> key.startsWith("collector."))) {
			return;
		}
		CollectorProperties fresh = Binder.get(this.environment)
			.bindOrCreate("collector", Bindable.of(CollectorProperties.class));
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(fresh, "collector");
		fresh.validate(fresh, errors);
		if (errors.hasErrors()) {
			for (FieldError error : errors.getFieldErrors()) {
				logger.error("Changed property collector.{} is invalid ({}): not applied", error.getField(),
						error.getDefaultMessage());
			}
			return;
		}
		CollectorResilience resilience = this.resilience.getIfAvailable();
		if (resilience != null) {
			resilience.apply(fresh);
			logger.info("Applied rate limit {}/min, breaker threshold {}, retry max attempts {} to collector {}",
					fresh.getRateLimit().getRequestsPerMinute(), fresh.getCircuitBreaker().getFailureThreshold(),
					fresh.getRetry().getMaxAttempts(), resilience.name());
		}
	}

}
