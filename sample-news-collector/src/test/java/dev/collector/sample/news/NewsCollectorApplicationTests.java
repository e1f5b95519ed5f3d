package dev.collector.sample.news;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillStatus;
import dev.collector.collect.CollectionResult;
import dev.collector.test.CollectorIntegrationTest;

import static dev.collector.test.CollectorAssertions.assertThat;
import static dev.collector.test.CollectorAssertions.assertThatPrometheus;
import static dev.collector.test.CollectorAssertions.assertThatQuarantine;
import static dev.collector.test.CollectorAssertions.assertThatTable;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end, over HTTP, on an in-memory H2 database with the bundled feeds.
 * Each test starts from an empty {@code news_item} table and no run in progress.
 * <p>
 * The bundled feeds are fixed files whose items are dated November 2026, so the backfill
 * here covers fixed dates; retention is off ({@code collector.retention.days=0}, no
 * horizon) so that those dates stay inside what a backfill may cover, and their records
 * are not purged, however long after 2026 the test runs (with the default 365 days the
 * backfill would be refused from November 2027 on).
 */
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:news-collector-tests;DB_CLOSE_DELAY=-1",
		"collector.retention.days=0" })
class NewsCollectorApplicationTests extends CollectorIntegrationTest {

	/** Items in the bundled feeds. */
	private static final int BUNDLED_ITEMS = 37;

	/** The one item of the bundled feeds that is invalid on purpose (empty title). */
	private static final String INVALID_GUID = "https://defi-dispatch.example/2026/11/21/untitled-draft";

	@Autowired
	private JdbcTemplate jdbc;

	@BeforeEach
	void emptyTable() {
		this.tester.awaitIdle(Duration.ofSeconds(30));
		this.jdbc.update("DELETE FROM news_item");
	}

	@Test
	void collectStoresValidItemsOnceAndQuarantinesTheInvalidOne() {
		double insertedBefore = metrics().value("collector_records_processed_total", "operation", "insert");
		ResponseEntity<Map<String, Object>> first = collect();
		assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(first.getBody()).containsEntry("status", "succeeded")
			.containsEntry("trigger", "manual")
			.containsEntry("records_collected", BUNDLED_ITEMS)
			.containsEntry("records_inserted", BUNDLED_ITEMS - 1)
			.containsEntry("records_invalid", 1)
			.containsEntry("records_duplicate", 0);
		assertThatTable(this.jdbc, "news_item").hasRowCount(BUNDLED_ITEMS - 1)
			.column("guid")
			.doesNotContain(INVALID_GUID);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM news_item WHERE ingested_at IS NULL", Long.class))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT currencies FROM news_item WHERE source = 'chainwire-daily' AND guid = 'chainwire-20261122-003'",
				String.class))
			.isEqualTo("USDC,USDT");
		// the invalid item is in the quarantine, with the reason
		assertThatQuarantine(this.jdbc, first.getBody().get("run_id")).reasons()
			.singleElement()
			.asString()
			.startsWith("title: ");
		assertThatQuarantine(this.jdbc, first.getBody().get("run_id")).payloads()
			.singleElement()
			.asString()
			.contains(INVALID_GUID);
		assertThatPrometheus(metricsText()).sample("collector_records_processed_total")
			.withLabel("collector", "news-collector")
			.withLabel("operation", "insert")
			.hasValue(insertedBefore + BUNDLED_ITEMS - 1);

		// the same feeds again: nothing new, everything a duplicate
		CollectionResult second = this.tester.collect();
		assertThat(second).succeeded().hasInserted(0).hasDuplicates(BUNDLED_ITEMS - 1).hasInvalid(1);
		assertThatTable(this.jdbc, "news_item").hasRowCount(BUNDLED_ITEMS - 1);
	}

	@Test
	void backfillCollectsTheBundledHistoryOnceAndCoversItsPeriods() {
		// the bundled items are dated November 2026; the live window of a collection is
		// "now"
		BackfillProgress first = this.tester.backfill(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-23"));
		assertThat(first.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(first.chunksFailed()).isZero();
		long stored = this.jdbc.queryForObject("SELECT COUNT(*) FROM news_item", Long.class);
		assertThat(stored).isPositive().isLessThan(BUNDLED_ITEMS);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM news_item WHERE published_at >= TIMESTAMP '2026-11-24 00:00:00'", Long.class))
			.as("nothing outside the backfilled days")
			.isZero();
		// the same range again: every period is covered, nothing is fetched or stored
		// twice
		BackfillProgress again = this.tester.backfill(LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-23"));
		assertThat(again.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(again.recordsBackfilled()).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM news_item", Long.class)).isEqualTo(stored);
	}

	@Test
	void healthIsHealthy() {
		assertThat(health()).containsEntry("status", "healthy")
			.containsEntry("service", "news-collector")
			.containsEntry("database_connected", true);
	}

	@Test
	void collectWithoutWaitStartsARun() {
		ResponseEntity<Map<String, Object>> response = post("/collect");
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
		assertThat(response.getBody()).containsEntry("status", "started").containsEntry("trigger", "manual");
		Object runId = response.getBody().get("run_id");
		assertThat(runId).asString().isNotBlank();
		this.tester.awaitIdle(Duration.ofSeconds(30));
		assertThatTable(this.jdbc, "collector_run").containsRowWhere("run_id", runId);
		assertThat(this.jdbc.queryForObject("SELECT status FROM collector_run WHERE run_id = ?", String.class, runId))
			.isNotEqualTo("RUNNING");
	}

	@Test
	void dryRunWritesNothing() {
		long quarantinedBefore = this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_quarantine", Long.class);
		Map<String, Object> result = post("/collect?wait=true&dry_run=true").getBody();
		assertThat(result).containsEntry("status", "succeeded")
			.containsEntry("dry_run", true)
			.containsEntry("records_collected", BUNDLED_ITEMS)
			.containsEntry("records_inserted", 0)
			.containsEntry("records_invalid", 1);
		assertThatTable(this.jdbc, "news_item").isEmpty();
		assertThatQuarantine(this.jdbc).hasRowCount(quarantinedBefore);
	}

}
