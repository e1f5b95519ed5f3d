package dev.collector.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTests {

	private final SecretMasker masker = new SecretMasker();

	@Test
	void masksValuesOfSecretKeysInAnyForm() {
		assertThat(this.masker.mask("collector.security.api-token", "s3cr3t")).isEqualTo("******");
		assertThat(this.masker.mask("COLLECTOR_SECURITY_API_TOKEN", "s3cr3t")).isEqualTo("******");
		assertThat(this.masker.mask("spring.datasource.password", "pw")).isEqualTo("******");
		assertThat(this.masker.mask("news.api-key", "abc")).isEqualTo("******");
	}

	@Test
	void webhookUrlKeepsOnlyWhereItPoints() {
		assertThat(this.masker.mask("collector.alerting.webhook-url", "https://hooks.slack.com/services/T0/B0/XyZ"))
			.isEqualTo("https://hooks.slack.com/******");
	}

	@Test
	void masksCredentialsAndKeysInsideOtherUrls() {
		assertThat(this.masker.mask("spring.datasource.url", "jdbc:postgresql://u:pw@db:5432/x"))
			.isEqualTo("jdbc:postgresql://******@db:5432/x");
		assertThat(this.masker.mask("news.feeds[0]", "https://api.example.com/feed?apikey=abc&lang=en"))
			.isEqualTo("https://api.example.com/feed?apikey=******&lang=en");
	}

	@Test
	void leavesOrdinaryValuesAlone() {
		assertThat(this.masker.mask("collector.rate-limit.requests-per-minute", 60)).isEqualTo(60);
		assertThat(this.masker.mask("collector.name", "news")).isEqualTo("news");
		assertThat(this.masker.isSecret("collector.cache.max-size")).isFalse();
	}

}
