package dev.collector.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import dev.collector.fixtures.DailyCollector;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;
import dev.collector.security.corpus.ProtectedEndpoint.Server;

/**
 * The spelling corpus without Spring Security: the guard filter and the handler
 * interceptor alone, Actuator on the application's port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:spelling-corpus;DB_CLOSE_DELAY=-1",
				"collector.security.api-token=" + AbstractPathSpellingCorpusTests.TOKEN, "collector.name=corpus",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql",
				"collector.backfill.polling-interval=100ms", "collector.logging.requests.enabled=false",
				PathSpellingCorpusTests.EXPOSURE })
class PathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	/**
	 * The starter's default exposure, and the loggers endpoint (a write with a selector).
	 */
	static final String EXPOSURE = "management.endpoints.web.exposure.include="
			+ "health,info,prometheus,metrics,refresh,circuitbreakers,ratelimiters,retries,loggers";

	@LocalServerPort
	int port;

	@Override
	protected int port(Server server) {
		return this.port;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CorpusApplication {

		@Bean
		DailyCollector dailyCollector() {
			return new DailyCollector("s1", "s2");
		}

	}

}
