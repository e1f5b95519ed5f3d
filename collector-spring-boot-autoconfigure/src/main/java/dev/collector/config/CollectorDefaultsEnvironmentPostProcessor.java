package dev.collector.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Production defaults of a collector service, added as the property source with the
 * lowest precedence: any value in application.yaml, an environment variable or the
 * command line wins. Switch them all off with {@code collector.defaults.enabled=false}.
 * <ul>
 * <li>JSON logs on the console (ECS), with the collector's name and instance id on every
 * line and the run id on every line of a run; no banner</li>
 * <li>the Actuator endpoints health, info, prometheus and metrics over HTTP, with the
 * health components shown</li>
 * <li>liveness and readiness probe groups; readiness includes the database, liveness
 * depends on nothing outside the JVM</li>
 * <li>graceful shutdown of the web server</li>
 * <li>{@code @Timed}, {@code @Counted} and {@code @Observed} on any bean
 * ({@code management.observations.annotations.enabled}) when the application brings
 * AspectJ ({@code spring-boot-starter-aop})</li>
 * </ul>
 */
public class CollectorDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "collectorDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!environment.getProperty("collector.defaults.enabled", Boolean.class, true)) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("logging.structured.format.console", "ecs");
		// the banner is the one thing on the console that is not a JSON line
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("logging.structured.json.add.collector", "${collector.name:${spring.application.name:collector}}");
		defaults.put("logging.structured.json.add.instance_id", "${collector.instance-id:${HOSTNAME:local}}");
		// a tracing bridge's MDC keys, spelt like the starter's other fields (run_id)
		defaults.put("logging.structured.json.rename[traceId]", "trace_id");
		defaults.put("logging.structured.json.rename[spanId]", "span_id");
		defaults.put("management.endpoints.web.exposure.include",
				"health,info,prometheus,metrics,refresh,circuitbreakers,ratelimiters,retries");
		defaults.put("management.endpoint.health.show-components", "always");
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState,db");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("server.shutdown", "graceful");
		// the @Timed/@Counted/@Observed aspects, when the application brings AspectJ
		defaults.put("management.observations.annotations.enabled", "true");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
