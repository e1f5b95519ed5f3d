package dev.collector.benchmarks;

import java.time.ZoneOffset;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.Job;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobParametersBuilder;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobLauncher;
import org.springframework.batch.core.repository.support.ResourcelessJobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.item.database.JdbcBatchItemWriter;
import org.springframework.batch.item.support.IteratorItemReader;
import org.springframework.batch.item.validator.BeanValidatingItemProcessor;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * The contender a Spring Batch user would write for the same job: a chunk-oriented step
 * of {@value Pipelines#BATCH_SIZE} records, each chunk in its own transaction, that reads
 * the records, validates them with Bean Validation ({@link BeanValidatingItemProcessor}
 * in filter mode: invalid records are skipped, not fatal) and writes them with
 * {@link JdbcBatchItemWriter} and an insert that skips stored keys the way our sink does
 * on that database. The job repository keeps nothing ({@link ResourcelessJobRepository}),
 * so its own bookkeeping does not count against it.
 */
final class SpringBatchStep {

	/** PostgreSQL: a conflict on the key skips the row, as our sink's staging insert. */
	static final String POSTGRES_INSERT = "INSERT INTO bench_item (source, guid, published_at, title, url) "
			+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (source, guid) DO NOTHING";

	/** MariaDB: INSERT IGNORE, as our sink. */
	static final String MARIADB_INSERT = "INSERT IGNORE INTO bench_item (source, guid, published_at, title, url) "
			+ "VALUES (?, ?, ?, ?, ?)";

	/**
	 * H2: a MERGE that inserts only keys not stored yet (our sink counts the
	 * duplicate-key failures of plain INSERTs; H2 has no INSERT IGNORE outside its
	 * compatibility modes).
	 */
	static final String H2_INSERT = "MERGE INTO bench_item t USING (VALUES (CAST(? AS VARCHAR(32)), "
			+ "CAST(? AS VARCHAR(64)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(200)), "
			+ "CAST(? AS VARCHAR(200)))) s (source, guid, published_at, title, url) "
			+ "ON t.source = s.source AND t.guid = s.guid WHEN NOT MATCHED THEN INSERT "
			+ "VALUES (s.source, s.guid, s.published_at, s.title, s.url)";

	private SpringBatchStep() {
	}

	/**
	 * Run the step once over the first {@code n} records.
	 * @param dataSource the database
	 * @param sql the insert
	 * @param n how many records
	 * @throws Exception when the job does not complete
	 */
	static void run(DataSource dataSource, String sql, long n) throws Exception {
		ResourcelessJobRepository repository = new ResourcelessJobRepository();
		DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
		BeanValidatingItemProcessor<BenchItem> validator = new BeanValidatingItemProcessor<>();
		validator.setFilter(true);
		validator.afterPropertiesSet();
		JdbcBatchItemWriter<BenchItem> writer = new JdbcBatchItemWriter<>();
		writer.setDataSource(dataSource);
		writer.setSql(sql);
		writer.setAssertUpdates(false);
		writer.setItemPreparedStatementSetter((item, statement) -> {
			statement.setString(1, item.source());
			statement.setString(2, item.guid());
			statement.setObject(3, item.publishedAt().atOffset(ZoneOffset.UTC));
			statement.setString(4, item.title());
			statement.setString(5, item.url());
		});
		writer.afterPropertiesSet();
		Job job = new JobBuilder("bench", repository)
			.start(new StepBuilder("write", repository)
				.<BenchItem, BenchItem>chunk(Pipelines.BATCH_SIZE, transactionManager)
				.reader(new IteratorItemReader<>(BenchItem.range(0, n).iterator()))
				.processor(validator)
				.writer(writer)
				.build())
			.build();
		TaskExecutorJobLauncher launcher = new TaskExecutorJobLauncher();
		launcher.setJobRepository(repository);
		launcher.afterPropertiesSet();
		JobExecution execution = launcher.run(job,
				new JobParametersBuilder().addString("run", UUID.randomUUID().toString()).toJobParameters());
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			throw new IllegalStateException("the Spring Batch step ended " + execution.getStatus() + ": "
					+ execution.getAllFailureExceptions());
		}
		long written = execution.getStepExecutions().stream().mapToLong(StepExecution::getWriteCount).sum();
		if (written != n) {
			throw new IllegalStateException("the Spring Batch step wrote " + written + " of " + n);
		}
	}

}
