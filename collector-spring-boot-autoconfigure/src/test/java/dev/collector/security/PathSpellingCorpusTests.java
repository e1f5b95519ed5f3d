package dev.collector.security;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.TestPropertySource;

import dev.collector.fixtures.DailyCollector;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;

/**
 * The spelling corpus without Spring Security: the guard filter and the handler
 * interceptor alone, Actuator on the application's port.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:spelling-corpus;DB_CLOSE_DELAY=-1",
		"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:reading-schema.sql" })
class PathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class CorpusApplication {

		@Bean
		DailyCollector dailyCollector() {
			return new DailyCollector("s1", "s2");
		}

	}

}
