package dev.collector.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.TestPropertySource;

import dev.collector.security.PathSpellingCorpusTests.CorpusApplication;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;

/**
 * The spelling corpus with Actuator on a management port of its own
 * ({@code management.server.port}), a child context with its own dispatcher and filters.
 */
@SpringBootTest(classes = CorpusApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:spelling-corpus-management;DB_CLOSE_DELAY=-1",
		"spring.sql.init.mode=always", "spring.sql.init.schema-locations=classpath:reading-schema.sql",
		"management.server.port=0" })
class ManagementPortPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

}
