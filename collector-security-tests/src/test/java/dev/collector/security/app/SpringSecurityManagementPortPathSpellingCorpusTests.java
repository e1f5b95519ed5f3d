package dev.collector.security.app;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import dev.collector.security.app.SpringSecurityPathSpellingCorpusTests.PermissiveApplicationChain;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;
import dev.collector.security.corpus.ProtectedEndpoint.Server;

/**
 * The spelling corpus with Spring Security and Actuator on a management port of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:secured-spelling-corpus-management;DB_CLOSE_DELAY=-1",
				"collector.security.api-token=" + AbstractPathSpellingCorpusTests.TOKEN, "collector.name=corpus",
				"collector.schedule.enabled=false", "collector.backfill.polling-interval=100ms",
				"collector.logging.requests.enabled=false", "management.server.port=0",
				SpringSecurityPathSpellingCorpusTests.EXPOSURE })
@Import(PermissiveApplicationChain.class)
class SpringSecurityManagementPortPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Override
	protected int port(Server server) {
		return (server == Server.MANAGEMENT) ? this.managementPort : this.port;
	}

}
