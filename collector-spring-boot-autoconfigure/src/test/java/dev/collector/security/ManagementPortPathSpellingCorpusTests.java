package dev.collector.security;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.collector.security.PathSpellingCorpusTests.CorpusApplication;
import dev.collector.security.corpus.AbstractPathSpellingCorpusTests;
import dev.collector.security.corpus.ProtectedEndpoint.Server;

/**
 * The spelling corpus with Actuator on a management port of its own
 * ({@code management.server.port}), a child context with its own dispatcher and filters.
 */
@SpringBootTest(classes = CorpusApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.datasource.url=jdbc:h2:mem:spelling-corpus-management;DB_CLOSE_DELAY=-1",
				"collector.security.api-token=" + AbstractPathSpellingCorpusTests.TOKEN, "collector.name=corpus",
				"collector.schedule.enabled=false", "spring.sql.init.mode=always",
				"spring.sql.init.schema-locations=classpath:reading-schema.sql",
				"collector.backfill.polling-interval=100ms", "collector.logging.requests.enabled=false",
				"management.server.port=0", PathSpellingCorpusTests.EXPOSURE })
class ManagementPortPathSpellingCorpusTests extends AbstractPathSpellingCorpusTests {

	@LocalServerPort
	int port;

	@LocalManagementPort
	int managementPort;

	@Override
	protected int port(Server server) {
		return (server == Server.MANAGEMENT) ? this.managementPort : this.port;
	}

}
