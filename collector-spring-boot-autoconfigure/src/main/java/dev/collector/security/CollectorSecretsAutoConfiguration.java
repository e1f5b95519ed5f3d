package dev.collector.security;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Masking of secrets: a {@link SecretMasker} for our own endpoints and logs, and a
 * {@link SanitizingFunction} that applies it to /actuator/env and /actuator/configprops.
 * Actuator already hides every value unless {@code management.endpoint.env.show-values}
 * (or configprops) allows them; with values shown, secrets stay masked.
 */
@AutoConfiguration
public class CollectorSecretsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SecretMasker collectorSecretMasker() {
		return new SecretMasker();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	static class ActuatorSanitizing {

		@Bean
		@ConditionalOnMissingBean(name = "collectorSecretSanitizer")
		SanitizingFunction collectorSecretSanitizer(SecretMasker masker) {
			return (data) -> sanitize(masker, data);
		}

		private static SanitizableData sanitize(SecretMasker masker, SanitizableData data) {
			Object value = data.getValue();
			if (value == null) {
				return data;
			}
			Object masked = masker.mask(data.getKey(), value);
			return (masked == value || masked.equals(value)) ? data : data.withValue(masked);
		}

	}

}
