package dev.collector.sample.prices;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillStatus;
import dev.collector.sample.news.NewsCollectorApplication;
import dev.collector.test.CollectorIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prices collector in the sample application, beside the news collector (on an
 * in-memory H2 database): backfills through {@code /collectors/prices/...} store exactly
 * their symbols and days, the coverage shows what is left per symbol and day, a symbol
 * without a file fails alone, and the news collector's paths are not touched.
 */
@ContextConfiguration(classes = NewsCollectorApplication.class)
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:prices-backfill-tests;DB_CLOSE_DELAY=-1",
		"prices.symbols=BTC,ETH,SOL,ADA,XRP", "collector.backfill.max-retries=0" })
class PricesBackfillTests extends CollectorIntegrationTest {

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	@Autowired
	private JdbcTemplate jdbc;

	@Test
	@SuppressWarnings("unchecked")
	void backfillsStoreTheirDaysAndTheCoverageShowsTheGapsPerSymbolAndDay() {
		// every symbol over four days, one chunk per symbol; XRP has no file: its chunk
		// fails (not retried here), the other symbols are stored
		BackfillProgress all = backfill(TODAY.minusDays(9), TODAY.minusDays(6));
		assertThat(all.status()).isEqualTo(BackfillStatus.FAILED);
		assertThat(all.chunksDone()).isEqualTo(4);
		assertThat(all.chunksFailed()).isEqualTo(1);
		assertThat(all.errors()).singleElement().asString().contains("XRP");
		assertThat(all.recordsBackfilled()).isEqualTo(16);
		// then ETH alone over three more days
		BackfillProgress eth = backfill(TODAY.minusDays(5), TODAY.minusDays(3), "ETH");
		assertThat(eth.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(eth.recordsBackfilled()).isEqualTo(3);
		assertThat(this.jdbc.queryForList(
				"SELECT symbol || ' ' || COUNT(*) FROM crypto_price GROUP BY symbol ORDER BY symbol", String.class))
			.containsExactly("ADA 4", "BTC 4", "ETH 7", "SOL 4");
		assertThat(this.jdbc.queryForObject("SELECT MIN(trading_day) FROM crypto_price", LocalDate.class))
			.isEqualTo(TODAY.minusDays(9));
		assertThat(this.jdbc.queryForObject("SELECT MAX(trading_day) FROM crypto_price", LocalDate.class))
			.isEqualTo(TODAY.minusDays(3));

		Map<String, Object> coverage = this.rest.getForObject(
				"/collectors/prices/coverage?from=" + TODAY.minusDays(9) + "&to=" + TODAY.minusDays(1), Map.class);
		Map<String, Map<String, Object>> symbols = bySymbol((List<Map<String, Object>>) coverage.get("symbols"));
		assertThat(symbols).containsOnlyKeys("ADA", "BTC", "ETH", "SOL", "XRP");
		assertThat(symbols.get("BTC")).containsEntry("covered_periods", 4)
			.containsEntry("missing_periods", 5)
			.containsEntry("records", 4);
		assertThat((List<Map<String, Object>>) symbols.get("BTC").get("ranges"))
			.extracting((range) -> range.get("status") + " " + range.get("from") + ".." + range.get("to"))
			.containsExactly("covered " + TODAY.minusDays(9) + ".." + TODAY.minusDays(6),
					"missing " + TODAY.minusDays(5) + ".." + TODAY.minusDays(1));
		assertThat(symbols.get("ETH")).containsEntry("covered_periods", 7)
			.containsEntry("missing_periods", 2)
			.containsEntry("records", 7);
		assertThat(symbols.get("XRP")).containsEntry("failed_periods", 4).containsEntry("covered_periods", 0);
		assertThat((List<Map<String, Object>>) symbols.get("XRP").get("ranges")).first()
			.satisfies((range) -> assertThat(range.get("error")).asString().contains("XRP.csv"));

		// the plan of the whole range: what is missing, per symbol (XRP's failed periods
		// are retried too)
		Map<String, Object> plan = post("/collectors/prices/backfill", Map.of("start_date",
				TODAY.minusDays(9).toString(), "end_date", TODAY.minusDays(1).toString(), "dry_run", true));
		assertThat(plan).containsEntry("status", "planned").containsEntry("missing_periods", 5 + 2 + 5 + 5 + 9);

		// the news collector, the default one, has its own ledger: the prices' backfills
		// are not in it
		Map<String, Object> newsCoverage = this.rest
			.getForObject("/coverage?from=" + TODAY.minusDays(9) + "&to=" + TODAY.minusDays(1), Map.class);
		assertThat(newsCoverage.toString()).doesNotContain("BTC");
		Map<String, Object> collectors = this.rest.getForObject("/collectors", Map.class);
		assertThat(collectors.toString()).contains("news-collector").contains("prices");
	}

	private BackfillProgress backfill(LocalDate first, LocalDate last, String... symbols) {
		return this.tester.collector("prices")
			.backfill(new BackfillRequest(first.toString(), last.toString(), List.of(symbols), false, false),
					Duration.ofSeconds(60));
	}

	private Map<String, Object> post(String uri, Map<String, Object> body) {
		return this.rest.postForObject(uri, body, Map.class);
	}

	private static Map<String, Map<String, Object>> bySymbol(List<Map<String, Object>> symbols) {
		Map<String, Map<String, Object>> bySymbol = new java.util.TreeMap<>();
		symbols.forEach((symbol) -> bySymbol.put((String) symbol.get("symbol"), symbol));
		return bySymbol;
	}

}
