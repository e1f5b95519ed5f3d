package dev.collector.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTests {

	private final SecretMasker masker = new SecretMasker();

	@Test
	void masksValuesBySensitiveNames() {
		Map<String, Object> masked = this.masker.maskTree(Map.of("api-token", "abc", "password", "p", "client-secret",
				"s", "private-key", "k", "credentials", "c", "name", "news", "nested",
				Map.of("webhook-url", "https://hooks.example/T1/B2/xyz", "batch-size", 100)));
		assertThat(masked).containsEntry("api-token", SecretMasker.MASK)
			.containsEntry("password", SecretMasker.MASK)
			.containsEntry("client-secret", SecretMasker.MASK)
			.containsEntry("private-key", SecretMasker.MASK)
			.containsEntry("credentials", SecretMasker.MASK)
			.containsEntry("name", "news")
			.containsEntry("nested",
					Map.of("webhook-url", "https://hooks.example/" + SecretMasker.MASK, "batch-size", 100));
	}

	@Test
	void masksUserInfoAndSensitiveQueryValuesInUrls() {
		assertThat(this.masker.mask("url", "https://bob:pw@example.org/feed?token=abc&page=2#top"))
			.isEqualTo("https://******@example.org/feed?token=******&page=2#top");
		assertThat(this.masker.mask("url", "jdbc:postgresql://db:5432/app?user=app&password=pw"))
			.isEqualTo("jdbc:postgresql://db:5432/app?user=app&password=******");
		assertThat(this.masker.mask("feeds", List.of("http://u:p@h/x", "http://h/y?apikey=1")))
			.isEqualTo(List.of("http://******@h/x", "http://h/y?apikey=******"));
		assertThat(this.masker.mask("url", "https://example.org/plain")).isEqualTo("https://example.org/plain");
	}

	@Test
	void masksValuesOfSecretKeysInAnyForm() {
		assertThat(this.masker.mask("collector.security.api-token", "s3cr3t")).isEqualTo(SecretMasker.MASK);
		assertThat(this.masker.mask("COLLECTOR_SECURITY_API_TOKEN", "s3cr3t")).isEqualTo(SecretMasker.MASK);
		assertThat(this.masker.mask("spring.datasource.password", "pw")).isEqualTo(SecretMasker.MASK);
		assertThat(this.masker.mask("news.api-key", "abc")).isEqualTo(SecretMasker.MASK);
	}

	@Test
	void aSecretUrlKeepsOnlyWhereItPoints() {
		assertThat(this.masker.mask("collector.alerting.webhook-url", "https://hooks.slack.com/services/T0/B0/XyZ"))
			.isEqualTo("https://hooks.slack.com/******");
	}

	@Test
	void leavesOrdinaryValuesAlone() {
		assertThat(this.masker.mask("collector.rate-limit.requests-per-minute", 60)).isEqualTo(60);
		assertThat(this.masker.mask("collector.name", "news")).isEqualTo("news");
		assertThat(this.masker.mask("spring.datasource.url", "jdbc:postgresql://u:pw@db:5432/x"))
			.isEqualTo("jdbc:postgresql://******@db:5432/x");
		assertThat(this.masker.isSensitive("collector.cache.max-size")).isFalse();
	}

}
