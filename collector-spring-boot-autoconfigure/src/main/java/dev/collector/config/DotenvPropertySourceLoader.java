package dev.collector.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.Resource;

/**
 * Loads a {@code .env} file ({@code KEY=value} lines, {@code #} comments, an optional
 * {@code export} prefix, optional quotes) as if its lines were environment variables:
 * {@code COLLECTOR_RATE_LIMIT_REQUESTS_PER_MINUTE=120} binds to
 * collector.rate-limit.requests-per-minute by Spring Boot's relaxed rules, and dotted
 * names work too. Used for imports with the {@code [.env]} hint, e.g.
 * {@code optional:file:.env[.env]}.
 */
public class DotenvPropertySourceLoader implements PropertySourceLoader {

	@Override
	public String[] getFileExtensions() {
		return new String[] { "env" };
	}

	@Override
	public List<PropertySource<?>> load(String name, Resource resource) throws IOException {
		Map<String, Object> values = new LinkedHashMap<>();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				String trimmed = line.strip();
				if (trimmed.isEmpty() || trimmed.startsWith("#")) {
					continue;
				}
				if (trimmed.startsWith("export ")) {
					trimmed = trimmed.substring("export ".length()).strip();
				}
				int equals = trimmed.indexOf('=');
				if (equals <= 0) {
					continue;
				}
				values.put(trimmed.substring(0, equals).strip(), unquote(trimmed.substring(equals + 1).strip()));
			}
		}
		// Spring Boot maps UPPER_CASE names to properties for sources named like the
		// system
		// environment only
		return List.of(new SystemEnvironmentPropertySource(
				name + "-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, values));
	}

	private static String unquote(String value) {
		if (value.length() >= 2
				&& (value.startsWith("\"") && value.endsWith("\"") || value.startsWith("'") && value.endsWith("'"))) {
			return value.substring(1, value.length() - 1);
		}
		return value;
	}

}
