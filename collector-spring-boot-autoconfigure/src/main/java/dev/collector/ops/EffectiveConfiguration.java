package dev.collector.ops;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.springframework.util.unit.DataSize;

import dev.collector.config.CollectorProperties;
import dev.collector.security.SecretMasker;

/**
 * The bound {@code collector.*} configuration as a tree with kebab-case keys (as in
 * application.yaml), every secret masked. Uses a private ObjectMapper: the application's
 * stays as it is.
 */
class EffectiveConfiguration {

	private static final ObjectMapper MAPPER = new ObjectMapper()
		.setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
		.registerModule(new JavaTimeModule())
		.registerModule(new SimpleModule().addSerializer(DataSize.class, new JsonSerializer<>() {
			@Override
			public void serialize(DataSize value, JsonGenerator generator, SerializerProvider provider)
					throws IOException {
				generator.writeString(value.toString());
			}
		}))
		.disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
		.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

	private final CollectorProperties properties;

	private final SecretMasker masker;

	EffectiveConfiguration(CollectorProperties properties, SecretMasker masker) {
		this.properties = properties;
		this.masker = masker;
	}

	Map<String, Object> masked() {
		Map<?, ?> tree = MAPPER.convertValue(this.properties, Map.class);
		return this.masker.maskTree(tree);
	}

}
