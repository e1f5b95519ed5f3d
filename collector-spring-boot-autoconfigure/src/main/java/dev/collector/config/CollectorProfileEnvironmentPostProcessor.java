package dev.collector.config;

import java.util.Locale;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

/**
 * Adds the presets of {@code collector.profile} as a property source just above the
 * starter's defaults, so every explicitly set property (any file, the environment, the
 * command line) wins over the preset. Runs after the config data (application.yaml, .env,
 * the config tree) is loaded, so the profile may be chosen in any of them.
 * <p>
 * The profile is read once at start-up: changing it needs a restart, while the single
 * properties it presets can be changed live.
 */
public class CollectorProfileEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the profile's presets. */
	public static final String PROPERTY_SOURCE_NAME = "collectorProfile";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String name = environment.getProperty("collector.profile");
		if (name == null || name.isBlank()) {
			return;
		}
		PerformanceProfile profile;
		try {
			profile = PerformanceProfile.valueOf(name.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			// binding CollectorProperties reports the bad value with the property's name
			return;
		}
		MutablePropertySources sources = environment.getPropertySources();
		MapPropertySource presets = new MapPropertySource(PROPERTY_SOURCE_NAME, profile.presets());
		if (sources.contains(CollectorDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)) {
			sources.addBefore(CollectorDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME, presets);
		}
		else {
			sources.addLast(presets);
		}
	}

	@Override
	public int getOrder() {
		// after ConfigDataEnvironmentPostProcessor, before the starter's defaults
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

}
