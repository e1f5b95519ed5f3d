package dev.collector.benchmarks;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import org.springframework.batch.item.Chunk;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.RecordCounts;
import dev.collector.collect.WriteResult;
import dev.collector.jdbc.DatabasePlatform;
import dev.collector.jdbc.JdbcRecordSink;
import dev.collector.schema.AnnotatedRecordSchema;

/**
 * Writes the same records into the same table with each contender, side by side in one
 * process: a warm-up round first, then measured rounds (the best of them counts), every
 * contender into an emptied table, committing every {@value Pipelines#BATCH_SIZE}
 * records. Prints records per second and the ratio to the database's baseline: COPY on
 * PostgreSQL, the hand-written batch insert elsewhere.
 * <p>
 * Arguments: records, output file (markdown appended). Databases from
 * {@code BENCH_POSTGRES_URL} and {@code BENCH_MARIADB_URL} (skipped when unset).
 */
public final class JdbcComparison {

	private static final String PG_INSERT = "INSERT INTO bench_item (source, guid, published_at, title, url) "
			+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, guid) DO NOTHING";

	private static final String MARIADB_INSERT = "INSERT IGNORE INTO bench_item (source, guid, published_at, title, url) "
			+ "VALUES (?, ?, ?, ?, ?)";

	private static final String H2_INSERT = "INSERT INTO bench_item (source, guid, published_at, title, url) "
			+ "VALUES (?, ?, ?, ?, ?)";

	private static final int MEASURED_ROUNDS = 3;

	private static final String WITHOUT_VALIDATION = "our sink, the whole pipeline without Bean Validation (to show "
			+ "its cost; the starter always validates)";

	/** The fair contender: what a Spring Batch user writes for the same job. */
	static final String BATCH_STEP = "Spring Batch chunk step: BeanValidatingItemProcessor (filter mode) and "
			+ "JdbcBatchItemWriter, same conflict handling as ours";

	private static final String SINK_ALONE = "our sink alone: the default JdbcRecordSink's write per batch (de-duplication, "
			+ "exact counts, a transaction per batch), without the pipeline";

	private final long records;

	private final StringBuilder report = new StringBuilder();

	private JdbcComparison(long records) {
		this.records = records;
	}

	public static void main(String[] args) throws Exception {
		long records = Long.parseLong(args[0]);
		JdbcComparison comparison = new JdbcComparison(records);
		comparison.report.append("## JDBC write path\n\n")
			.append(String.format(Locale.ROOT,
					"%,d records of ~210 bytes, unique key (source, guid), into an empty table, one transaction "
							+ "per %,d records; best of %d rounds after a warm-up round. \"our sink\" is the whole "
							+ "pipeline (ingestion-time processor, Bean Validation, de-duplication, metrics, the "
							+ "next batch read while the last one is written) with the default JdbcRecordSink; "
							+ "\"our sink alone\" is the hand-written loop with its insert replaced by the sink's "
							+ "write. Every contender builds the same records (about 0.5 µs a record).%n%n",
					records, Pipelines.BATCH_SIZE, MEASURED_ROUNDS));
		String postgres = System.getenv("BENCH_POSTGRES_URL");
		if (postgres != null) {
			comparison.postgresql(postgres);
		}
		String mariadb = System.getenv("BENCH_MARIADB_URL");
		if (mariadb != null) {
			comparison.mariadb(mariadb);
		}
		comparison.h2();
		System.out.print(comparison.report);
		Files.writeString(Path.of(args[1]), comparison.report, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	private void postgresql(String url) throws Exception {
		try (HikariDataSource plain = dataSource(url, "postgres");
				HikariDataSource rewrite = dataSource(
						url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true", "postgres")) {
			Map<String, Contender> contenders = new LinkedHashMap<>();
			contenders.put("COPY (pgJDBC CopyManager, no conflict handling)", this::copy);
			contenders.put("our sink (default: COPY, through a staging table after duplicates)",
					(n) -> ours(plain, n, true));
			contenders.put("our sink with multi-row INSERT (without pgJDBC COPY)", (n) -> ours(plain, n, false));
			contenders.put(SINK_ALONE, (n) -> sinkAlone(plain, n));
			contenders.put(WITHOUT_VALIDATION, (n) -> ours(plain, n, true, false));
			contenders.put("batch insert, reWriteBatchedInserts=true", (n) -> batchInsert(rewrite, PG_INSERT, n));
			contenders.put("batch insert (Boot default URL)", (n) -> batchInsert(plain, PG_INSERT, n));
			contenders.put("Spring Batch JdbcBatchItemWriter, reWriteBatchedInserts=true",
					(n) -> springBatch(rewrite, PG_INSERT, n));
			contenders.put("Spring Batch JdbcBatchItemWriter (Boot default URL)",
					(n) -> springBatch(plain, PG_INSERT, n));
			contenders.put(BATCH_STEP + " (ON CONFLICT DO NOTHING, Boot default URL)",
					(n) -> SpringBatchStep.run(plain, SpringBatchStep.POSTGRES_INSERT, n));
			this.copyDataSource = plain;
			compare("PostgreSQL", "postgresql", plain, contenders, (n) -> ours(plain, n, true),
					(n) -> batchInsert(rewrite, PG_INSERT, n));
		}
	}

	private void mariadb(String url) throws Exception {
		try (HikariDataSource dataSource = dataSource(url, "root")) {
			Map<String, Contender> contenders = new LinkedHashMap<>();
			contenders.put("batch insert (INSERT IGNORE)", (n) -> batchInsert(dataSource, MARIADB_INSERT, n));
			contenders.put("our sink (default: bulk batch of INSERT IGNORE)", (n) -> ours(dataSource, n, true));
			contenders.put(SINK_ALONE, (n) -> sinkAlone(dataSource, n));
			contenders.put(WITHOUT_VALIDATION, (n) -> ours(dataSource, n, true, false));
			contenders.put("Spring Batch JdbcBatchItemWriter", (n) -> springBatch(dataSource, MARIADB_INSERT, n));
			contenders.put(BATCH_STEP + " (INSERT IGNORE)",
					(n) -> SpringBatchStep.run(dataSource, SpringBatchStep.MARIADB_INSERT, n));
			compare("MariaDB", "mariadb", dataSource, contenders, (n) -> ours(dataSource, n, true),
					(n) -> batchInsert(dataSource, MARIADB_INSERT, n));
		}
	}

	private void h2() throws Exception {
		try (HikariDataSource dataSource = dataSource("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1", "sa")) {
			Map<String, Contender> contenders = new LinkedHashMap<>();
			contenders.put("batch insert (plain INSERT, no conflict handling)",
					(n) -> batchInsert(dataSource, H2_INSERT, n));
			contenders.put("our sink (default: batch of INSERTs, duplicate-key failures counted)",
					(n) -> ours(dataSource, n, true));
			contenders.put(SINK_ALONE, (n) -> sinkAlone(dataSource, n));
			contenders.put(WITHOUT_VALIDATION, (n) -> ours(dataSource, n, true, false));
			contenders.put("Spring Batch JdbcBatchItemWriter (plain INSERT)",
					(n) -> springBatch(dataSource, H2_INSERT, n));
			contenders.put(BATCH_STEP + " (MERGE … WHEN NOT MATCHED THEN INSERT)",
					(n) -> SpringBatchStep.run(dataSource, SpringBatchStep.H2_INSERT, n));
			compare("H2 (in memory)", "h2", dataSource, contenders, (n) -> ours(dataSource, n, true), null);
		}
	}

	private DataSource copyDataSource;

	private void compare(String title, String platform, DataSource dataSource, Map<String, Contender> contenders,
			Contender oursAgain, Contender batchAgain) throws Exception {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.execute("DROP TABLE IF EXISTS bench_item");
		jdbc.execute(BenchItem.createTable(platform));
		long warmUp = Math.max(20_000, this.records / 10);
		for (Contender contender : contenders.values()) {
			jdbc.execute("TRUNCATE TABLE bench_item");
			contender.write(warmUp);
		}
		Map<String, Double> best = new LinkedHashMap<>();
		for (int round = 0; round < MEASURED_ROUNDS; round++) {
			for (Map.Entry<String, Contender> contender : contenders.entrySet()) {
				jdbc.execute("TRUNCATE TABLE bench_item");
				double rate = rate(contender.getValue(), this.records);
				Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM bench_item", Long.class);
				if (stored == null || stored != this.records) {
					throw new IllegalStateException(contender.getKey() + " stored " + stored + " of " + this.records);
				}
				best.merge(contender.getKey(), rate, Math::max);
				System.err.printf(Locale.ROOT, "%s / %s: %,.0f records/s%n", title, contender.getKey(), rate);
			}
		}
		// the same records once more: every one a duplicate
		double oursDuplicates = rate(oursAgain, this.records);
		double batchDuplicates = (batchAgain != null) ? rate(batchAgain, this.records) : Double.NaN;
		double baseline = best.values().iterator().next();
		this.report.append("### ")
			.append(title)
			.append("\n\n| contender | records/s | ratio to ")
			.append(best.keySet().iterator().next().replaceAll(" \\(.*", ""))
			.append(" |\n|---|---:|---:|\n");
		for (Map.Entry<String, Double> entry : best.entrySet()) {
			this.report.append(String.format(Locale.ROOT, "| %s | %,.0f | %.2f |%n", entry.getKey(), entry.getValue(),
					entry.getValue() / baseline));
		}
		Double ours = best.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("our sink (default"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow();
		best.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(BATCH_STEP))
			.findFirst()
			.ifPresent((step) -> this.report.append(String.format(Locale.ROOT,
					"%nOur whole pipeline against the Spring Batch chunk step: **%.2f×** (goal: ≥ 1.25×).%n",
					ours / step.getValue())));
		this.report.append(
				String.format(Locale.ROOT, "%nAll %,d records again (every one a duplicate): our sink %,.0f records/s",
						this.records, oursDuplicates));
		if (batchAgain != null) {
			this.report.append(String.format(Locale.ROOT, ", batch insert %,.0f records/s", batchDuplicates));
		}
		this.report.append(".\n\n");
	}

	private static double rate(Contender contender, long records) throws Exception {
		long start = System.nanoTime();
		contender.write(records);
		return records / ((System.nanoTime() - start) / 1e9);
	}

	private void ours(DataSource dataSource, long n, boolean copy) throws Exception {
		ours(dataSource, n, copy, true);
	}

	private void ours(DataSource dataSource, long n, boolean copy, boolean validate) throws Exception {
		JdbcRecordSink<BenchItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(BenchItem.class),
				new DatabasePlatform(dataSource, null), new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), copy);
		RecordCounts counts = Pipelines
			.pipeline(() -> BenchItem.range(0, n), sink, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
					validate)
			.execute(Pipelines.request());
		if (counts.inserted() + counts.duplicates() != n) {
			throw new IllegalStateException("our sink counted " + counts);
		}
	}

	/**
	 * The sink without the pipeline: the hand-written loop with its insert replaced by
	 * the sink's {@code write}, so no Bean Validation, processors or metrics.
	 */
	private static void sinkAlone(DataSource dataSource, long n) {
		JdbcRecordSink<BenchItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(BenchItem.class),
				new DatabasePlatform(dataSource, null), new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
		Iterator<BenchItem> items = BenchItem.range(0, n).iterator();
		long written = 0;
		while (items.hasNext()) {
			List<BenchItem> batch = new ArrayList<>(Pipelines.BATCH_SIZE);
			for (int i = 0; i < Pipelines.BATCH_SIZE && items.hasNext(); i++) {
				batch.add(items.next());
			}
			WriteResult<BenchItem> result = sink.write(batch);
			written += result.inserted() + result.duplicates();
		}
		if (written != n) {
			throw new IllegalStateException("our sink alone counted " + written + " of " + n);
		}
	}

	private void copy(long n) throws SQLException {
		try (Connection connection = this.copyDataSource.getConnection()) {
			connection.setAutoCommit(false);
			Iterator<BenchItem> items = BenchItem.range(0, n).iterator();
			StringBuilder text = new StringBuilder(Pipelines.BATCH_SIZE * 256);
			while (items.hasNext()) {
				text.setLength(0);
				for (int i = 0; i < Pipelines.BATCH_SIZE && items.hasNext(); i++) {
					BenchItem item = items.next();
					text.append(item.source())
						.append('\t')
						.append(item.guid())
						.append('\t')
						.append(item.publishedAt())
						.append('\t')
						.append(item.title())
						.append('\t')
						.append(item.url())
						.append('\n');
				}
				byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
				CopyIn copy = connection.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY bench_item (source, guid, published_at, title, url) FROM STDIN");
				copy.writeToCopy(bytes, 0, bytes.length);
				copy.endCopy();
				connection.commit();
			}
		}
	}

	private static void batchInsert(DataSource dataSource, String sql, long n) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				Iterator<BenchItem> items = BenchItem.range(0, n).iterator();
				while (items.hasNext()) {
					for (int i = 0; i < Pipelines.BATCH_SIZE && items.hasNext(); i++) {
						bind(statement, items.next());
						statement.addBatch();
					}
					statement.executeBatch();
					connection.commit();
				}
			}
		}
	}

	private static void springBatch(DataSource dataSource, String sql, long n) throws Exception {
		JdbcBatchItemWriter<BenchItem> writer = new JdbcBatchItemWriter<>();
		writer.setDataSource(dataSource);
		writer.setSql(sql);
		writer.setAssertUpdates(false);
		writer.setItemPreparedStatementSetter((item, statement) -> bind(statement, item));
		writer.afterPropertiesSet();
		TransactionTemplate transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Iterator<BenchItem> items = BenchItem.range(0, n).iterator();
		while (items.hasNext()) {
			List<BenchItem> chunk = new ArrayList<>(Pipelines.BATCH_SIZE);
			for (int i = 0; i < Pipelines.BATCH_SIZE && items.hasNext(); i++) {
				chunk.add(items.next());
			}
			transaction.executeWithoutResult((status) -> {
				try {
					writer.write(new Chunk<>(chunk));
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
	}

	private static void bind(PreparedStatement statement, BenchItem item) throws SQLException {
		statement.setString(1, item.source());
		statement.setString(2, item.guid());
		statement.setObject(3, item.publishedAt().atOffset(ZoneOffset.UTC));
		statement.setString(4, item.title());
		statement.setString(5, item.url());
	}

	static HikariDataSource dataSource(String url, String username) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(url);
		dataSource.setUsername(username);
		dataSource.setMaximumPoolSize(2);
		return dataSource;
	}

	@FunctionalInterface
	interface Contender {

		void write(long records) throws Exception;

	}

}
