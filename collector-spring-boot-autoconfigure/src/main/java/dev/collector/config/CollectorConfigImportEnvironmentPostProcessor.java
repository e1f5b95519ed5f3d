package dev.collector.config;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Imports a {@code .env} file from the working directory and the config tree
 * {@code /etc/collector/secrets/} (Kubernetes secrets mounted as files), both optional,
 * through Spring Boot's own {@code spring.config.import}. Runs before the config data is
 * loaded, so the imports take part in Spring Boot's usual order; the paths come from
 * {@code collector.config.env-file} and {@code collector.config.secrets-dir} in the
 * environment or on the command line. A {@code spring.config.import} given in the
 * environment or on the command line replaces these imports (imports inside
 * application.yaml add to them).
 */
public class CollectorConfigImportEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the imports. */
	public static final String PROPERTY_SOURCE_NAME = "collectorConfigImports";

	static final String IMPORTS = "optional:file:${collector.config.env-file:.env}[.env],"
			+ "optional:configtree:${collector.config.secrets-dir:/etc/collector/secrets/}";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, Map.of("spring.config.import", IMPORTS)));
	}

	@Override
	public int getOrder() {
		return ConfigDataEnvironmentPostProcessor.ORDER - 1;
	}

}
