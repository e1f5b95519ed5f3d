package dev.collector.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTests {

	private final SecretMasker masker = new SecretMasker();

	@Test
	void masksValuesBySensitiveNames() {
		Map<String, Object> masked = this.masker.maskTree(Map.of("api-token", "abc", "password", "p",
				"client-secret", "s", "private-key", "k", "credentials", "c", "name", "news", "nested",
				Map.of("webhook-url", "https://hooks.example/T1/B2/xyz", "batch-size", 100)));
		assertThat(masked).containsEntry("api-token", SecretMasker.MASK)
			.containsEntry("password", SecretMasker.MASK)
			.containsEntry("client-secret", SecretMasker.MASK)
			.containsEntry("private-key", SecretMasker.MASK)
			.containsEntry("credentials", SecretMasker.MASK)
			.containsEntry("name", "news")
			.containsEntry("nested", Map.of("webhook-url", SecretMasker.MASK, "batch-size", 100));
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

}
