package dev.collector.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.RecordCounts;
import dev.collector.jdbc.DatabasePlatform;
import dev.collector.jdbc.JdbcRecordSink;
import dev.collector.schema.AnnotatedRecordSchema;

/**
 * One collection of many records into PostgreSQL through the default pipeline and sink,
 * meant to run in a JVM with a small heap ({@code -Xmx256m}): it fails with an
 * OutOfMemoryError unless records stream through in batches. Prints one line:
 * {@code HEAP <records> <inserted> <peak heap MB> <max heap MB> <seconds>}. Arguments:
 * records, JDBC URL, user.
 */
public final class HeapRun {

	private HeapRun() {
	}

	public static void main(String[] args) throws Exception {
		long records = Long.parseLong(args[0]);
		try (HikariDataSource dataSource = JdbcComparison.dataSource(args[1], args[2])) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			jdbc.execute("DROP TABLE IF EXISTS bench_item");
			jdbc.execute(BenchItem.createTable(new DatabasePlatform(dataSource, null).id()));
			JdbcRecordSink<BenchItem> sink = new JdbcRecordSink<>(AnnotatedRecordSchema.of(BenchItem.class),
					new DatabasePlatform(dataSource, null), jdbc,
					new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				pool.resetPeakUsage();
			}
			long start = System.nanoTime();
			RecordCounts counts = Pipelines
				.pipeline(() -> BenchItem.range(0, records), sink,
						new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
				.execute(Pipelines.request());
			double seconds = (System.nanoTime() - start) / 1e9;
			long peak = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				if (pool.getType() == MemoryType.HEAP) {
					peak += pool.getPeakUsage().getUsed();
				}
			}
			jdbc.execute("DROP TABLE bench_item");
			System.out.printf(Locale.ROOT, "HEAP %d %d %.0f %.0f %.1f%n", records, counts.inserted(), peak / 1048576.0,
					Runtime.getRuntime().maxMemory() / 1048576.0, seconds);
		}
	}

}
