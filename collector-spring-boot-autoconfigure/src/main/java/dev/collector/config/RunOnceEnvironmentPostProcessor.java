package dev.collector.config;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.aot.AotDetector;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults of a one-shot run ({@code collector.run}), added as the property source with
 * the lowest precedence, so that any explicit setting wins:
 * <ul>
 * <li>no web server ({@code spring.main.web-application-type=none}): a job needs no port;
 * set it to {@code servlet} to keep the endpoints during the run. An application
 * processed ahead of time ({@code -Dspring.aot.enabled=true}) has its web application
 * type fixed at build time: it keeps its web server, on a free port
 * ({@code server.port=0}) unless a port is configured</li>
 * <li>when a Pushgateway is enabled
 * ({@code management.prometheus.metrics.export.pushgateway.enabled}), the metrics are put
 * there once more when the context closes at the end of the run
 * ({@code shutdown-operation=put})</li>
 * </ul>
 * A value of {@code collector.run} that names no mode refuses the run before anything
 * starts (exit code 3).
 */
public class RunOnceEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "collectorRunOnceDefaults";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (RunMode.of(environment).isEmpty()) {
			return;
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (AotDetector.useGeneratedArtifacts()) {
			// the generated bean definitions are those of a web application
			defaults.put("server.port", "0");
		}
		else {
			defaults.put("spring.main.web-application-type", "none");
		}
		defaults.put("management.prometheus.metrics.export.pushgateway.shutdown-operation", "put");
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
	}

	@Override
	public int getOrder() {
		// after the config data (application.yaml, .env, the config tree)
		return Ordered.LOWEST_PRECEDENCE - 20;
	}

}
