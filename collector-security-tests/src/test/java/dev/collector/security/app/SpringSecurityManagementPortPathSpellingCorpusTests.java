package dev.collector.security.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import dev.collector.security.app.SpringSecurityPathSpellingCorpusTests.PermissiveApplicationChain;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;
import dev.collector.security.corpus.EachCollectorStandIn;

/**
 * The spelling corpus with Spring Security and Actuator on a management port of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(
		properties = { "spring.datasource.url=jdbc:h2:mem:secured-spelling-corpus-management;DB_CLOSE_DELAY=-1",
				"management.server.port=0" })
// its own @Import replaces the corpus's: the stand-in of /collectors/{name} named again
@Import({ PermissiveApplicationChain.class, EachCollectorStandIn.Setup.class })
class SpringSecurityManagementPortPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

}
