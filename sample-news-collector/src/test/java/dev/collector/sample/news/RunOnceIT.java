package dev.collector.sample.news;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One-shot runs of the sample's executable jar, each a process of its own as a CronJob or
 * a pipeline starts it: the exit code, the one-line JSON summary on stdout, and what the
 * run stored in the (file) database, which the next process reads. Runs after
 * {@code package} (failsafe).
 */
class RunOnceIT {

	private static final ObjectMapper json = new ObjectMapper();

	private static final String WHERE_NEWS = " WHERE collector = '" + NewsCollector.NAME + "'";

	private static final String AND_NEWS = " AND collector = '" + NewsCollector.NAME + "'";

	private final Path jar = Paths.get(System.getProperty("collector.exec-jar", "target/missing-exec.jar"));

	@TempDir
	Path work;

	private String databaseUrl;

	@BeforeEach
	void database() {
		this.databaseUrl = "jdbc:h2:file:" + this.work.resolve("db/news").toAbsolutePath();
	}

	@Test
	void collectStoresTheFeedsOnceAndExitsZeroWithoutAWebServer() throws Exception {
		Run first = run("--collector.run=collect");
		assertThat(first.exitCode()).as(first.output()).isZero();
		Map<String, Object> summary = first.summary();
		assertThat(summary).containsEntry("collector_run", "collect")
			.containsEntry("status", "succeeded")
			.containsEntry("exit_code", 0);
		Map<String, Object> collector = collector(summary);
		assertThat(collector).containsEntry("name", "news-collector").containsEntry("dry_run", false);
		long inserted = ((Number) collector.get("records_inserted")).longValue();
		assertThat(inserted).isPositive();
		assertThat(first.output()).as("no web server in a one-shot run").doesNotContain("Tomcat started");
		assertThat(count("SELECT COUNT(*) FROM news_item")).isEqualTo(inserted);
		assertThat(count("SELECT COUNT(*) FROM collector_run WHERE status = 'SUCCEEDED'" + AND_NEWS)).isOne();
		assertThat(count("SELECT COUNT(*) FROM collector_checkpoint" + WHERE_NEWS)).isOne();
		// the prices collector beside it ran in the same process
		assertThat(names(first.summary())).containsExactly(NewsCollector.NAME, "prices");

		Run second = run("--collector.run=collect");
		assertThat(second.exitCode()).as(second.output()).isZero();
		assertThat(collector(second.summary())).containsEntry("records_inserted", 0)
			.containsEntry("records_duplicate", (int) inserted);
		assertThat(count("SELECT COUNT(*) FROM news_item")).isEqualTo(inserted);
	}

	@Test
	void aDryRunFetchesAndValidatesButStoresNothing() throws Exception {
		Run run = run("--collector.run=collect", "--collector.run-once.dry-run=true");
		assertThat(run.exitCode()).as(run.output()).isZero();
		Map<String, Object> collector = collector(run.summary());
		assertThat(collector).containsEntry("dry_run", true).containsEntry("status", "succeeded");
		assertThat(((Number) collector.get("records_collected")).longValue()).isPositive();
		assertThat(count("SELECT COUNT(*) FROM news_item")).isZero();
		assertThat(count("SELECT COUNT(*) FROM collector_checkpoint")).isZero();
	}

	@Test
	void aCollectionThatFailsExitsOneAndMovesNoCheckpoint() throws Exception {
		Instant started = Instant.now();
		Run run = run("--collector.run=collect", "--news.feeds[0].id=chainwire-daily",
				"--news.feeds[0].url=classpath:feeds/no-such-feed.xml");
		assertThat(run.exitCode()).as(run.output()).isEqualTo(1);
		assertThat(run.summary()).containsEntry("status", "failed").containsEntry("exit_code", 1);
		assertThat((String) collector(run.summary()).get("error")).contains("chainwire-daily");
		// only the collector's origin (the failed window's start) is kept, so that the
		// next run fetches that window again: the checkpoint did not move over it
		assertThat(checkpoints()).allSatisfy((position) -> assertThat(position).isBefore(started));
		assertThat(count("SELECT COUNT(*) FROM collector_run WHERE status = 'FAILED'" + AND_NEWS)).isOne();
	}

	@Test
	void checkReportsWhetherTheSourceAnswers() throws Exception {
		Run reachable = run("--collector.run=check");
		assertThat(reachable.exitCode()).as(reachable.output()).isZero();
		assertThat(collector(reachable.summary())).containsEntry("reachable", true);

		Run unreachable = run("--collector.run=check", "--news.feeds[0].id=chainwire-daily",
				"--news.feeds[0].url=classpath:feeds/no-such-feed.xml");
		assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(1);
		assertThat(collector(unreachable.summary())).containsEntry("reachable", false);
		assertThat(count("SELECT COUNT(*) FROM news_item")).isZero();
	}

	@Test
	void backfillExecutesItsChunksWaitsForTheTaskAndCheckpointsShowTheCoverage() throws Exception {
		Run plan = run("--collector.run=backfill", "--collector.run-once.from=2026-11-17",
				"--collector.run-once.to=2026-11-24", "--collector.run-once.dry-run=true");
		assertThat(plan.exitCode()).as(plan.output()).isZero();
		assertThat(collector(plan.summary())).containsEntry("dry_run", true)
			.containsEntry("missing_periods", 32)
			.containsEntry("chunks", 4);
		assertThat(count("SELECT COUNT(*) FROM collector_backfill_task")).isZero();

		Run backfill = run("--collector.run=backfill", "--collector.run-once.from=2026-11-17",
				"--collector.run-once.to=2026-11-24");
		assertThat(backfill.exitCode()).as(backfill.output()).isZero();
		Map<String, Object> collector = collector(backfill.summary());
		assertThat(collector).containsEntry("task_status", "succeeded")
			.containsEntry("chunks_total", 4)
			.containsEntry("chunks_done", 4);
		long backfilled = ((Number) collector.get("records_backfilled")).longValue();
		assertThat(backfilled).isPositive();
		assertThat(count("SELECT COUNT(*) FROM news_item")).isEqualTo(backfilled);
		assertThat(count("SELECT COUNT(*) FROM collector_coverage WHERE status = 'covered'")).isEqualTo(32);

		Run checkpoints = run("--collector.run=checkpoints", "--collector.run-once.from=2026-11-17",
				"--collector.run-once.to=2026-11-24");
		assertThat(checkpoints.exitCode()).as(checkpoints.output()).isZero();
		Map<String, Object> listed = collector(checkpoints.summary());
		assertThat(listed).containsEntry("name", "news-collector").containsEntry("checkpoint", null);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> symbols = (List<Map<String, Object>>) ((Map<String, Object>) listed.get("coverage"))
			.get("symbols");
		// seen once in a full run: all 32 periods reported missing right after the count
		// above found them covered; the ledger as this JVM reads it then goes into the
		// failure message
		assertThat(symbols)
			.as("%s%nthe ledger read here: %s", checkpoints.output(),
					rows("SELECT collector, symbol, status, COUNT(*) FROM collector_coverage"
							+ " GROUP BY collector, symbol, status"))
			.hasSize(4)
			.allSatisfy((symbol) -> assertThat(symbol).containsEntry("covered", 8));
	}

	@Test
	void badArgumentsAreRefusedWithExitCodeThree() throws Exception {
		Run backwards = run("--collector.run=backfill", "--collector.run-once.from=2026-11-24",
				"--collector.run-once.to=2026-11-17");
		assertThat(backwards.exitCode()).as(backwards.output()).isEqualTo(3);
		assertThat(backwards.summary()).containsEntry("status", "refused");
		assertThat((String) backwards.summary().get("error")).contains("after");
		assertThat(count("SELECT COUNT(*) FROM collector_backfill_task")).isZero();

		Run unknown = run("--collector.run=collekt");
		assertThat(unknown.exitCode()).as(unknown.output()).isEqualTo(3);
		assertThat(unknown.summary()).containsEntry("collector_run", "collekt").containsEntry("status", "refused");
		assertThat((String) unknown.summary().get("error")).contains("collect, backfill, check, checkpoints");
	}

	@Test
	void theMetricsArePutToThePushgatewayWhenTheRunEnds() throws Exception {
		List<String> pushes = new CopyOnWriteArrayList<>();
		HttpServer pushgateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		pushgateway.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				pushes.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + "\n"
						+ new String(body.readAllBytes(), StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		pushgateway.start();
		try {
			Run run = run("--collector.run=collect", "--management.prometheus.metrics.export.pushgateway.enabled=true",
					"--management.prometheus.metrics.export.pushgateway.address=127.0.0.1:"
							+ pushgateway.getAddress().getPort(),
					"--management.prometheus.metrics.export.pushgateway.format=text");
			assertThat(run.exitCode()).as(run.output()).isZero();
		}
		finally {
			pushgateway.stop(0);
		}
		assertThat(pushes).anySatisfy((push) -> assertThat(push).startsWith("PUT /metrics/job/news-collector")
			.contains("collector_collection_requests_total{")
			.contains("status=\"success\""));
	}

	private Run run(String... args) throws IOException, InterruptedException {
		// the rate limit is not under test: at the default 60 a minute a collection of
		// the
		// bundled feeds waits about 5 s for its permits
		List<String> command = new ArrayList<>(
				List.of(java(), "-jar", this.jar.toString(), "--spring.datasource.url=" + this.databaseUrl,
						"--collector.schedule.enabled=false", "--collector.rate-limit.requests-per-minute=600000"));
		command.addAll(List.of(args));
		Path log = Files.createTempFile(this.work, "run", ".log");
		Process process = new ProcessBuilder(command).directory(this.work.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(180, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException("still running after 180s: " + Files.readString(log));
		}
		return new Run(process.exitValue(), Files.readString(log));
	}

	private List<Instant> checkpoints() throws SQLException {
		List<Instant> positions = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT position_at FROM collector_checkpoint" + WHERE_NEWS)) {
			while (rows.next()) {
				positions.add(rows.getTimestamp(1).toInstant());
			}
		}
		return positions;
	}

	private long count(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

	private List<String> rows(String sql) throws SQLException {
		List<String> rows = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, "sa", "");
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
					row.append((i > 1) ? " | " : "").append(result.getString(i));
				}
				rows.add(row.toString());
			}
		}
		return rows;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> collector(Map<String, Object> summary) {
		// the news collector's entry: the prices collector runs beside it
		List<Map<String, Object>> collectors = (List<Map<String, Object>>) summary.get("collectors");
		return collectors.stream()
			.filter((collector) -> NewsCollector.NAME.equals(collector.get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no news-collector entry in " + summary));
	}

	@SuppressWarnings("unchecked")
	private static List<Object> names(Map<String, Object> summary) {
		return ((List<Map<String, Object>>) summary.get("collectors")).stream()
			.map((collector) -> collector.get("name"))
			.toList();
	}

	private static String java() {
		return ProcessHandle.current().info().command().orElse("java");
	}

	record Run(int exitCode, String output) {

		/** The one summary line: a JSON object that starts with "collector_run". */
		Map<String, Object> summary() throws IOException {
			List<String> lines = this.output.lines().filter((line) -> line.startsWith("{\"collector_run\"")).toList();
			assertThat(lines).as("exactly one summary line in:%n%s", this.output).hasSize(1);
			return json.readValue(lines.get(0), new TypeReference<>() {
			});
		}

	}

}
