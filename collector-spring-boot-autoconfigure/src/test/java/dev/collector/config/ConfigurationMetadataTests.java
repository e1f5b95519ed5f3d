package dev.collector.config;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE documentation of the {@code collector.*} properties: the configuration
 * processor turns the Javadoc of {@link CollectorProperties} into metadata, and none may
 * be missing.
 */
class ConfigurationMetadataTests {

	@Test
	@SuppressWarnings("unchecked")
	void everyCollectorPropertyHasADescription() throws Exception {
		Map<String, Object> metadata;
		try (InputStream in = new ClassPathResource("META-INF/spring-configuration-metadata.json").getInputStream()) {
			metadata = new ObjectMapper().readValue(in, Map.class);
		}
		List<Map<String, Object>> properties = (List<Map<String, Object>>) metadata.get("properties");
		List<Map<String, Object>> collector = properties.stream()
			.filter((property) -> property.get("name").toString().startsWith("collector."))
			.toList();
		assertThat(collector).extracting((property) -> property.get("name"))
			.contains("collector.name", "collector.schedule.interval", "collector.sink.batch-size",
					"collector.jdbc.initialize-schema", "collector.metrics.prefix", "collector.health.stale-after");
		assertThat(collector).allSatisfy((property) -> assertThat((String) property.get("description"))
			.as("description of %s", property.get("name"))
			.isNotBlank()
			.doesNotStartWith("The ")
			.doesNotStartWith("A "));
	}

}
