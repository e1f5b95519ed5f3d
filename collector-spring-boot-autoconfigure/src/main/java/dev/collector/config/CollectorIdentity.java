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
		String name = firstText(properties.getName(), environment.getProperty("spring.application.name"), "collector");
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
