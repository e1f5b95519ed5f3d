package dev.collector.sample.news;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;

import dev.collector.test.CollectorIntegrationTest;
import dev.collector.test.CollectorTestDatabase;
import dev.collector.test.TestDatabasePlatform;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's {@code postgres} profile against a real PostgreSQL, in a private schema
 * ({@code COLLECTOR_TEST_POSTGRES_URL}, else a container; fails under {@code CI}
 * without).
 */
@ActiveProfiles("postgres")
@CollectorTestDatabase(TestDatabasePlatform.POSTGRESQL)
class NewsCollectorPostgresTests extends CollectorIntegrationTest {

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	void collectsIntoPostgresAndCountsDuplicatesTheSecondTime() {
		Map<String, Object> first = collect().getBody();
		assertThat(first).containsEntry("status", "succeeded").containsEntry("records_invalid", 1);
		int inserted = (Integer) first.get("records_inserted");
		assertThat(inserted).isPositive();
		assertThatTable(this.jdbc, "news_item").hasRowCount(inserted);
		// the news collector's checkpoint (the prices collector beside it has its own)
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_checkpoint WHERE collector = ?", Long.class,
				NewsCollector.NAME))
			.isOne();
		assertThat(this.tester.collect()).succeeded().hasInserted(0).hasDuplicates(inserted);
	}

}
