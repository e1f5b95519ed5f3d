package dev.collector.cluster;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * After a database outage a replica takes back at once what it still holds in
 * db-scheduler's table but no longer runs (its end could not be written), and never what
 * it is running.
 */
class StrandedExecutionRecoveryTests {

	private final SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

	private final JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);

	private final OneTimeTask<Void> task = Tasks.oneTime("collector-collection").execute((instance, context) -> {
	});

	private RestartRecovery recovery;

	@AfterEach
	void close() throws Exception {
		if (this.recovery != null) {
			this.recovery.destroy();
		}
		this.jdbc.execute("SHUTDOWN");
	}

	@Test
	void takesBackWhatItHoldsButNoLongerRunsAndLeavesWhatItRuns() throws Exception {
		createSchema();
		Instant minuteAgo = Instant.now().minusSeconds(60);
		pick("stranded", "replica-a", minuteAgo);
		pick("running", "replica-a", minuteAgo);
		pick("elsewhere", "replica-b", minuteAgo);
		this.recovery = new RestartRecovery(this.dataSource, "replica-a", List.of(this.task), Duration.ofSeconds(10));

		CountDownLatch wokenUp = new CountDownLatch(1);
		this.recovery.recoverStranded((id) -> id.getId().equals("running"), wokenUp::countDown);

		assertThat(wokenUp.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(picked("stranded")).isFalse();
		assertThat(picked("running")).isTrue();
		// another replica's execution is its own business (or dead-execution detection's)
		assertThat(picked("elsewhere")).isTrue();
	}

	@Test
	void anExecutionPickedAMomentAgoIsTakenBackOnlyOnceItsHeartbeatIsOld() throws Exception {
		createSchema();
		// picked, but not started yet by the scheduler: its heartbeat is the pick
		pick("just-picked", "replica-a", Instant.now());
		Duration heartbeat = Duration.ofMillis(500);
		this.recovery = new RestartRecovery(this.dataSource, "replica-a", List.of(this.task), heartbeat);

		CountDownLatch wokenUp = new CountDownLatch(1);
		this.recovery.recoverStranded((id) -> false, wokenUp::countDown);

		assertThat(wokenUp.await(300, TimeUnit.MILLISECONDS)).isFalse();
		assertThat(picked("just-picked")).isTrue();
		assertThat(wokenUp.await(10, TimeUnit.SECONDS)).isTrue();
		await().atMost(Duration.ofSeconds(5)).until(() -> !picked("just-picked"));
	}

	private void createSchema() {
		new ResourceDatabasePopulator(new ClassPathResource("dev/collector/jdbc/schema-h2.sql"))
			.execute(this.dataSource);
	}

	private void pick(String instance, String pickedBy, Instant heartbeat) {
		Timestamp at = Timestamp.from(heartbeat);
		this.jdbc.update("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, picked_by,"
				+ " last_heartbeat, version, priority) VALUES ('collector-collection', ?, ?, TRUE, ?, ?, 1, 90)",
				instance, at, pickedBy, at);
	}

	private boolean picked(String instance) {
		return this.jdbc.queryForObject(
				"SELECT picked FROM scheduled_tasks WHERE task_name = 'collector-collection' AND task_instance = ?",
				Boolean.class, instance);
	}

}
