package dev.collector.collectors;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;

/**
 * Reads {@code collector.collectors.<name>.*}, the properties that override
 * {@code collector.*} for one collector. Names are read the way Spring Boot binds them,
 * so every relaxed form works: {@code collector.collectors.prices.schedule.interval} in
 * YAML, {@code COLLECTOR_COLLECTORS_PRICES_SCHEDULE_INTERVAL} in the environment, a
 * config tree file of that name.
 */
public final class CollectorOverrides {

	/** The prefix of every override. */
	static final ConfigurationPropertyName PREFIX = ConfigurationPropertyName.of("collector.collectors");

	private static final ConfigurationPropertyName COLLECTOR = ConfigurationPropertyName.of("collector");

	/**
	 * What all collectors share, and one collector cannot override: the API token and the
	 * rest of security, the logs, the naming of collectors. Accepting an override there
	 * and ignoring it would let an operator believe a collector has a token of its own.
	 */
	static final List<String> SHARED = List.of("security", "logs", "logging", "name", "instance-id",
			"default-collector", "max-concurrent-runs", "collectors", "run", "run-once", "profile");

	private CollectorOverrides() {
	}

	/**
	 * The collector names that overrides are given for, in the form they are written.
	 * @param environment the application's environment
	 * @return the names, each once
	 */
	static List<String> names(Environment environment) {
		List<ConfigurationPropertyName> seen = new ArrayList<>();
		List<String> names = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> PREFIX.isAncestorOf(name)
							&& name.getNumberOfElements() > PREFIX.getNumberOfElements())
					.forEach((name) -> {
						ConfigurationPropertyName collector = name.chop(PREFIX.getNumberOfElements() + 1);
						if (!seen.contains(collector)) {
							seen.add(collector);
							names.add(collector.getLastElement(ConfigurationPropertyName.Form.ORIGINAL));
						}
					});
			}
		}
		return names;
	}

	/**
	 * Whether an override name designates the collector: compared as Spring Boot compares
	 * property names (case, dashes and underscores aside), so
	 * {@code collector.collectors.news-feed} and {@code COLLECTOR_COLLECTORS_NEWSFEED}
	 * both designate the collector {@code newsFeed}.
	 * @param overrideName the name as written in a property
	 * @param collectorName the collector's name
	 * @return whether they are the same
	 */
	public static boolean designates(String overrideName, String collectorName) {
		return prefixOf(overrideName).equals(prefixOf(collectorName));
	}

	/**
	 * The names that no collector has.
	 * @param environment the application's environment
	 * @param collectorNames the collectors' names
	 * @return the override names that designate none of them
	 */
	static List<String> unknownNames(Environment environment, List<String> collectorNames) {
		return names(environment).stream()
			.filter((name) -> collectorNames.stream().noneMatch((known) -> designates(name, known)))
			.toList();
	}

	/**
	 * The overrides that designate a property all collectors share.
	 * @param environment the application's environment
	 * @return the property names as written, each once
	 */
	static List<String> sharedOverrides(Environment environment) {
		List<String> found = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> PREFIX.isAncestorOf(name)
							&& name.getNumberOfElements() > PREFIX.getNumberOfElements() + 1)
					.filter((name) -> SHARED.stream()
						.anyMatch((shared) -> ConfigurationPropertyName.of(shared)
							.equals(name.subName(PREFIX.getNumberOfElements() + 1).chop(1))))
					.map(ConfigurationPropertyName::toString)
					.filter((name) -> !found.contains(name))
					.forEach(found::add);
			}
		}
		return found;
	}

	/**
	 * The overrides of one collector as {@code collector.*} properties, in their
	 * canonical form, the first source that defines a property winning.
	 * @param environment the application's environment
	 * @param collectorName the collector's name
	 * @return the properties, ready for a property source of highest precedence
	 */
	public static Map<String, Object> asCollectorProperties(Environment environment, String collectorName) {
		ConfigurationPropertyName prefix = prefixOf(collectorName);
		Map<String, Object> properties = new LinkedHashMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(prefix::isAncestorOf).forEach((name) -> {
					String mapped = COLLECTOR.append(name.subName(prefix.getNumberOfElements())).toString();
					ConfigurationProperty property = source.getConfigurationProperty(name);
					if (property != null && property.getValue() != null) {
						properties.putIfAbsent(mapped, property.getValue());
					}
				});
			}
		}
		return properties;
	}

	/**
	 * The changed keys of the application's environment as one collector's context sees
	 * them: its overrides as {@code collector.*} keys, every other key as it is.
	 * @param changedKeys keys that changed
	 * @param collectorName the collector's name
	 * @return the keys for the collector's listeners
	 */
	static java.util.Set<String> asCollectorKeys(java.util.Set<String> changedKeys, String collectorName) {
		ConfigurationPropertyName prefix = prefixOf(collectorName);
		java.util.Set<String> keys = new java.util.LinkedHashSet<>();
		for (String key : changedKeys) {
			// a key as written in the environment (PREFIX_NAME_KEY) read as a property
			// name
			ConfigurationPropertyName name = ConfigurationPropertyName.ofIfValid(ConfigurationPropertyName.isValid(key)
					? key : key.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
			if (name != null && prefix.isAncestorOf(name)) {
				keys.add(COLLECTOR.append(name.subName(prefix.getNumberOfElements())).toString());
			}
			else if (name == null || !PREFIX.isAncestorOf(name)) {
				keys.add(key);
			}
		}
		return keys;
	}

	/**
	 * The prefix of one collector's overrides.
	 * @param collectorName the collector's name
	 * @return {@code collector.collectors.<name>}
	 */
	static ConfigurationPropertyName prefixOf(String collectorName) {
		return PREFIX.append(ConfigurationPropertyName.adapt(collectorName, '.'));
	}

}
