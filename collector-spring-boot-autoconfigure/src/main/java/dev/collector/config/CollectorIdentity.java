package dev.collector.config;

import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Who this collector is: its name (metrics label, service, checkpoint key) and the id of
 * this instance.
 *
 * @param name the collector's name
 * @param instanceId this instance's id
 */
public record CollectorIdentity(String name, String instanceId) {

	/**
	 * Resolve the identity from {@code collector.name} / {@code collector.instance-id},
	 * falling back to {@code spring.application.name} and {@code HOSTNAME}.
	 * @param properties the collector properties
	 * @param environment the environment
	 * @return the identity
	 */
	public static CollectorIdentity resolve(CollectorProperties properties, Environment environment) {
		return resolve(properties, environment, null);
	}

	/**
	 * Resolve the identity from {@code collector.name}, else the collector's own name,
	 * else {@code spring.application.name}; the instance id as
	 * {@link #resolve(CollectorProperties, Environment)} does.
	 * @param properties the collector properties
	 * @param environment the environment
	 * @param collectorName the name the collector gives itself, may be empty or
	 * {@code null}
	 * @return the identity
	 */
	public static CollectorIdentity resolve(CollectorProperties properties, Environment environment,
			String collectorName) {
		String name = firstText(properties.getName(), collectorName, environment.getProperty("spring.application.name"),
				"collector");
		String instanceId = firstText(properties.getInstanceId(), environment.getProperty("HOSTNAME"),
				UUID.randomUUID().toString().substring(0, 8));
		return new CollectorIdentity(name, instanceId);
	}

	private static String firstText(String... candidates) {
		for (String candidate : candidates) {
			if (StringUtils.hasText(candidate)) {
				return candidate.trim();
			}
		}
		throw new IllegalStateException("no candidate");
	}

}
