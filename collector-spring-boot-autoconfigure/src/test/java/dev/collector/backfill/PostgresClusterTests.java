package dev.collector.backfill;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.cluster.ClusterCollection;
import dev.collector.cluster.CollectorClusterAutoConfiguration;
import dev.collector.collect.CollectionInProgressException;
import dev.collector.collect.CollectionLauncher.Submission;
import dev.collector.collect.Trigger;
import dev.collector.fixtures.DailyCollector;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several replicas (application contexts) on one PostgreSQL database: each scheduled run
 * happens once, on-demand runs are single flight across the cluster, backfill chunks are
 * shared with none completed twice, and a chunk whose replica dies is completed by
 * another with every record stored exactly once.
 */
@RunsBesideOtherTests
class PostgresClusterTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TestSchema schema;

	private JdbcTemplate jdbc;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@BeforeEach
	void createSchema() {
		this.schema = Replica.schema(TestDatabase.POSTGRESQL);
		this.jdbc = this.schema.jdbcTemplate();
	}

	@AfterEach
	void stopReplicas() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void eachScheduledRunHappensOnceAndOnDemandRunsAreSingleFlightAcrossReplicas() throws Exception {
		DailyCollector collector = new DailyCollector("s1");
		for (int i = 0; i < 3; i++) {
			start(collector, "replica-" + i, "collector.schedule.enabled=true", "collector.schedule.interval=200ms",
					"collector.schedule.initial-delay=0s");
		}
		Replica.await("several scheduled runs", TIMEOUT, () -> runs("SCHEDULED") >= 8);

		collector.slow(Duration.ofMillis(800));
		ClusterCollection first = this.replicas.get(0).getBean(ClusterCollection.class);
		ClusterCollection second = this.replicas.get(1).getBean(ClusterCollection.class);
		Submission manual = submitWhenFree(first);
		// ordered but not yet picked, then running: either way the other replicas refuse
		assertThatExceptionOfType(CollectionInProgressException.class)
			.isThrownBy(() -> second.submit(Trigger.MANUAL, false));
		Replica.await("the manual run to start", TIMEOUT, () -> runs("MANUAL") == 1 || manual.result().isDone());
		assertThatExceptionOfType(CollectionInProgressException.class)
			.isThrownBy(() -> this.replicas.get(2).getBean(ClusterCollection.class).submit(Trigger.MANUAL, false));
		assertThat(manual.result().get(20, TimeUnit.SECONDS).succeeded()).isTrue();
		collector.slow(Duration.ZERO);
		this.replicas.forEach(ConfigurableApplicationContext::stop);

		// one chain of windows: no run overlapped another, none was repeated
		List<Map<String, Object>> runs = this.jdbc
			.queryForList("SELECT window_from, window_to, instance_id FROM collector_run"
					+ " WHERE trigger_type IN ('SCHEDULED', 'MANUAL') AND status = 'SUCCEEDED' ORDER BY window_from");
		for (int i = 1; i < runs.size(); i++) {
			assertThat(runs.get(i).get("window_from")).as("run %d starts where run %d ended", i, i - 1)
				.isEqualTo(runs.get(i - 1).get("window_to"));
		}
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run WHERE status = 'FAILED'", Long.class))
			.isZero();
	}

	@Test
	void backfillChunksAreSharedAndNoneCompletesTwice() throws Exception {
		DailyCollector collector = new DailyCollector("s1").slow(Duration.ofMillis(150));
		for (int i = 0; i < 3; i++) {
			start(collector, "replica-" + i, "collector.backfill.batch-size=1");
		}
		LocalDate first = LocalDate.parse("2024-06-01");
		LocalDate last = first.plusDays(11);
		BackfillService backfill = this.replicas.get(0).getBean(BackfillService.class);
		String taskId = backfill.start(new BackfillRequest(first.toString(), last.toString(), null, false, false))
			.task()
			.taskId();
		Replica.await("the backfill", TIMEOUT, () -> backfill.progress(taskId).task().finalStatus() != null);

		BackfillProgress done = backfill.progress(taskId);
		assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(done.chunksDone()).isEqualTo(12);
		assertThat(this.jdbc.queryForList("SELECT attempts FROM collector_backfill_chunk WHERE task_id = ?",
				Integer.class, taskId))
			.hasSize(12)
			.containsOnly(1);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT executed_by FROM collector_backfill_chunk", String.class))
			.as("replicas that executed chunks")
			.hasSizeGreaterThan(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_run WHERE trigger_type = 'BACKFILL'" + " AND status = 'SUCCEEDED'",
				Long.class))
			.isEqualTo(12);
		assertThat(Replica.readings(this.jdbc, "s1", first, last)).isEqualTo(12 * DailyCollector.PER_DAY);
		assertThat(this.replicas.get(2).getBean(CoverageLedger.class).missing("readings", "s1", first, last)).isEmpty();
	}

	@Test
	void chunkOfADeadReplicaIsCompletedByAnotherWithEveryRecordStoredOnce() throws Exception {
		LocalDate first = LocalDate.parse("2024-07-01");
		LocalDate last = first.plusDays(2);
		CountDownLatch revived = new CountDownLatch(1);
		CountDownLatch blocked = new CountDownLatch(1);
		DailyCollector dying = new DailyCollector("s1").beforeEach((reading) -> {
			if (reading.takenAt().equals(Instant.parse("2024-07-01T12:00:00Z"))) {
				blocked.countDown();
				awaitUninterruptibly(revived);
				throw new IllegalStateException("this replica was dead");
			}
		});
		ConfigurableApplicationContext doomed = start(dying, "doomed", "collector.sink.batch-size=1",
				"collector.shutdown-timeout=100ms");
		BackfillService backfill = doomed.getBean(BackfillService.class);
		String taskId = backfill.start(new BackfillRequest(first.toString(), last.toString(), null, false, false))
			.task()
			.taskId();
		assertThat(blocked.await(20, TimeUnit.SECONDS)).isTrue();
		// two records are committed; now the replica "dies": its scheduler stops,
		// heartbeats end
		doomed.getBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME, Scheduler.class).stop();
		assertThat(Replica.readings(this.jdbc, "s1", first, last)).isEqualTo(2);

		DailyCollector healthy = new DailyCollector("s1");
		// declares the doomed replica dead after 10 missed heartbeats of 500ms
		start(healthy, "survivor");
		Replica.await("the survivor to finish the chunk", TIMEOUT,
				() -> backfill.progress(taskId).task().finalStatus() != null);
		BackfillProgress done = backfill.progress(taskId);
		assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(this.jdbc.queryForObject("SELECT executed_by FROM collector_backfill_chunk WHERE task_id = ?",
				String.class, taskId))
			.isEqualTo("survivor");
		assertThat(this.jdbc.queryForObject("SELECT attempts FROM collector_backfill_chunk WHERE task_id = ?",
				Integer.class, taskId))
			.isEqualTo(2);

		// the dead replica's thread wakes up and fails: it must change nothing
		revived.countDown();
		Replica.await("the dead replica's run to end", TIMEOUT,
				() -> this.jdbc.queryForObject(
						"SELECT COUNT(*) FROM collector_run WHERE instance_id = 'doomed' AND finished_at IS NOT NULL",
						Long.class) == 1);
		int expected = 3 * DailyCollector.PER_DAY;
		assertThat(Replica.readings(this.jdbc, "s1", first, last)).isEqualTo(expected);
		// the two records committed before the death come back as duplicates, the rest as
		// new
		assertThat(this.jdbc.queryForObject(
				"SELECT SUM(records_inserted) FROM collector_run WHERE instance_id = 'survivor'", Long.class))
			.isEqualTo(expected - 2);
		assertThat(this.jdbc.queryForObject(
				"SELECT SUM(records_duplicate) FROM collector_run WHERE instance_id = 'survivor'", Long.class))
			.isEqualTo(2);
		assertThat(backfill.progress(taskId).status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(backfill.progress(taskId).recordsBackfilled()).isEqualTo(expected - 2);
		assertThat(doomed.getBean(CoverageLedger.class).missing("readings", "s1", first, last)).isEmpty();
	}

	private ConfigurableApplicationContext start(DailyCollector collector, String instanceId, String... properties) {
		ConfigurableApplicationContext context = Replica.startBesideOtherTests(this.schema.dataSource(), collector,
				null, instanceId, properties);
		this.replicas.add(context);
		return context;
	}

	private long runs(String trigger) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM collector_run WHERE trigger_type = ?", Long.class,
				trigger);
	}

	private static Submission submitWhenFree(ClusterCollection collection) throws InterruptedException {
		long end = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				return collection.submit(Trigger.MANUAL, false);
			}
			catch (CollectionInProgressException ex) {
				if (System.nanoTime() > end) {
					throw ex;
				}
				Thread.sleep(20);
			}
		}
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (latch.getCount() > 0) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

}
