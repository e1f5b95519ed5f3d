package dev.collector.cluster;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.BackfillStatus;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.test.support.FakeUpstream;
import dev.collector.test.support.RecordedRequest;
import dev.collector.test.support.UpstreamResponse;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Three replicas of one collector on one database, one of them a JVM of its own: the
 * cluster-wide rate budget holds (the upstream never sees more than requests-per-minute),
 * a 429 pauses every replica, and the chunk of the replica that was killed with
 * {@code kill -9} resumes within seconds of its restart under the same identity, long
 * before db-scheduler's dead-execution detection (10 s heartbeats, 6 missed) would revive
 * it.
 */
@RunsBesideOtherTests
abstract class AbstractClusterReplicasTests {

	/** The limit: two requests a second for the three replicas together. */
	private static final int REQUESTS_PER_MINUTE = 120;

	private static final Duration TIMEOUT = Duration.ofSeconds(120);

	private final TestDatabase database;

	private TestSchema schema;

	private JdbcTemplate jdbc;

	/** A source that takes a little time for each request. */
	private static final UpstreamResponse SLOW = UpstreamResponse.text("late").withDelay(Duration.ofMillis(20));

	private FakeUpstream upstream;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	private Process child;

	protected AbstractClusterReplicasTests(TestDatabase database) {
		this.database = database;
	}

	@BeforeEach
	void start() throws Exception {
		this.schema = this.database.createSchema();
		this.jdbc = this.schema.jdbcTemplate();
		String timestamp = (this.database == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		this.jdbc.execute("CREATE TABLE reading (sensor VARCHAR(50) NOT NULL, taken_at " + timestamp
				+ " NOT NULL, celsius DOUBLE PRECISION, ingested_at " + timestamp
				+ ", PRIMARY KEY (sensor, taken_at))");
		this.upstream = FakeUpstream.start();
		this.upstream.on("/readings").respond(SLOW);
	}

	@AfterEach
	void stop() {
		if (this.child != null) {
			this.child.destroyForcibly();
		}
		this.replicas.forEach(ConfigurableApplicationContext::close);
		if (this.upstream != null) {
			this.upstream.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void threeReplicasShareOneBudgetPauseTogetherAndAKilledReplicaResumesItsChunkAtRestart() throws Exception {
		for (String id : List.of("replica-a", "replica-b")) {
			this.replicas.add(UpstreamReplica.start(this.schema.dataSource(), properties(id)));
		}
		this.child = startChild();
		await("the child replica's lease", () -> leased("child"));
		BackfillService backfill = this.replicas.get(0).getBean(BackfillService.class);
		// 91 days inside the retention horizon, whatever the day the test runs on
		LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(30);
		LocalDate first = last.minusDays(90);
		String taskId = backfill.start(new BackfillRequest(first.toString(), last.toString(), null, false, false))
			.task()
			.taskId();

		// 1. together under the limit, every replica taking part
		await("every replica to execute chunks",
				() -> this.jdbc.queryForObject(
						"SELECT COUNT(DISTINCT executed_by) FROM collector_backfill_chunk WHERE task_id = ?",
						Integer.class, taskId) == 3);
		await("30 requests", () -> this.upstream.requests().size() >= 30);
		assertUnderTheLimit();

		// 2. a 429 pauses every replica for its Retry-After and halves the budget
		int before = this.upstream.requests().size();
		this.upstream.on("/readings").respond(UpstreamResponse.status(429).withHeader("Retry-After", "5"), SLOW);
		await("the 429", () -> this.upstream.requests().size() > before);
		long throttledAt = arrivals().get(before);
		await("the pause to end", () -> System.nanoTime() - throttledAt > TimeUnit.SECONDS.toNanos(6));
		long during = arrivals().stream()
			.filter((at) -> at - throttledAt > TimeUnit.MILLISECONDS.toNanos(1500)
					&& at - throttledAt < TimeUnit.MILLISECONDS.toNanos(4500))
			.count();
		assertThat(during).as("requests from any replica during the pause").isZero();
		assertThat(this.jdbc.queryForObject("SELECT reduced_rpm FROM collector_rate_budget WHERE collector = ?",
				Double.class, "readings"))
			.isEqualTo(REQUESTS_PER_MINUTE / 2.0);
		await("requests after the pause", () -> this.upstream.requests().size() > before + 5);
		assertUnderTheLimit();

		// 3. kill -9 of the child in the middle of a chunk, restart with the same
		// identity; a chunk that ended between the look and the kill does not count:
		// start the child again and look again
		int killedIn = -1;
		for (int tries = 0; killedIn < 0 && tries < 5; tries++) {
			AtomicReference<Integer> running = new AtomicReference<>();
			await("a chunk running on the child", () -> {
				running.set(runningOnChild(taskId));
				return running.get() != null;
			});
			this.child.destroyForcibly();
			assertThat(this.child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			if (stillRunningOnChild(taskId, running.get())) {
				killedIn = running.get();
			}
			else {
				this.child = startChild();
			}
		}
		assertThat(killedIn).as("a chunk the child was killed in the middle of").isNotNegative();
		int chunk = killedIn;
		int attempts = attempts(taskId, chunk);
		long killedAt = System.nanoTime();
		this.child = startChild();
		long restartedAt = System.nanoTime();
		await("the killed replica's chunk to resume", () -> attempts(taskId, chunk) > attempts);
		double resumedAfter = (System.nanoTime() - restartedAt) / 1e9;
		long firstRequest = arrivals().get(0);
		System.out.printf("%s: 429 at %.2f s, child killed at %.2f s and resumed its chunk at %.2f s%n", this.database,
				(throttledAt - firstRequest) / 1e9, (killedAt - firstRequest) / 1e9,
				(System.nanoTime() - firstRequest) / 1e9);
		System.out.printf("%s: the killed replica's chunk resumed %.1f s after its restart%n", this.database,
				resumedAfter);
		assertThat(resumedAfter).as("seconds from the restart until the chunk resumed").isLessThan(30);

		await("the backfill", () -> backfill.progress(taskId).task().finalStatus() != null);
		BackfillProgress done = backfill.progress(taskId);
		assertThat(done.status()).isEqualTo(BackfillStatus.SUCCEEDED);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM reading", Long.class))
			.isEqualTo(91L * UpstreamReplica.PER_DAY);
		assertUnderTheLimit();
	}

	/**
	 * No 10 s window holds more requests than the limit allows, plus one per replica (a
	 * window can hold a permit at each end of a replica's period) and one for the way
	 * there: these are arrival times at the upstream, not permit times, and a request
	 * that three JVMs on two busy cores send late moves into the next window. Two
	 * replicas spending the whole budget each would still show 40. The failure names the
	 * busiest window's requests (seconds after the first, replica, day): 25 once came
	 * from callers that waited on limiters their replica had replaced (see
	 * ShareChangeTests).
	 */
	private void assertUnderTheLimit() {
		List<RecordedRequest> requests = this.upstream.requests();
		long window = TimeUnit.SECONDS.toNanos(10);
		int allowed = REQUESTS_PER_MINUTE / 6 + 3 + 1;
		List<Long> arrivals = requests.stream().map(RecordedRequest::receivedNanos).toList();
		int busiest = 0;
		int start = 0;
		for (int i = 0; i < arrivals.size(); i++) {
			int j = i;
			while (j < arrivals.size() && arrivals.get(j) - arrivals.get(i) < window) {
				j++;
			}
			if (j - i > busiest) {
				busiest = j - i;
				start = i;
			}
		}
		long first = arrivals.isEmpty() ? 0 : arrivals.get(0);
		String seconds = requests.subList(start, start + busiest)
			.stream()
			.map((request) -> String.format("%.2f %s", (request.receivedNanos() - first) / 1e9,
					request.header(UpstreamReplica.REPLICA_HEADER) + " " + request.parameter("day")))
			.collect(java.util.stream.Collectors.joining(", "));
		System.out.printf("the busiest 10 s of %d requests held %d (budget %d): %s%n", arrivals.size(), busiest,
				REQUESTS_PER_MINUTE / 6, seconds);
		assertThat(busiest).as("requests in the busiest 10 s, seconds after the first request: " + seconds)
			.isLessThanOrEqualTo(allowed);
	}

	private List<String> properties(String instanceId) {
		List<String> properties = UpstreamReplica.properties(instanceId, this.upstream.url("/"));
		properties.addAll(List.of("collector.rate-limit.requests-per-minute=" + REQUESTS_PER_MINUTE,
				"collector.rate-limit.lease-renewal=500ms", "collector.rate-limit.recovery-time=20s",
				// the defaults, said out loud: only the restart can resume the chunk in
				// time
				"collector.backfill.heartbeat-interval=10s", "collector.backfill.missed-heartbeats-limit=6"));
		return properties;
	}

	private Process startChild() throws Exception {
		TestSchema.Connection connection = this.schema.connection();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						UpstreamReplica.class.getName()));
		for (String property : properties("child")) {
			command.add("--" + property);
		}
		command.add("--spring.datasource.url=" + connection.url());
		command.add("--spring.datasource.username=" + connection.username());
		command.add("--spring.datasource.password=" + connection.password());
		File log = new File("target/child-replica-" + this.database.platform() + ".log");
		return new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start();
	}

	private boolean leased(String instanceId) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_rate_lease WHERE instance_id = ? AND expires_at_ms > ?", Integer.class,
				instanceId, System.currentTimeMillis()) > 0;
	}

	private Integer runningOnChild(String taskId) {
		return this.jdbc
			.queryForList("SELECT chunk_no FROM collector_backfill_chunk WHERE task_id = ? AND status = 'running'"
					+ " AND executed_by = 'child'", Integer.class, taskId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	private boolean stillRunningOnChild(String taskId, int chunk) {
		return this.jdbc
			.queryForObject("SELECT COUNT(*) FROM collector_backfill_chunk WHERE task_id = ? AND chunk_no = ?"
					+ " AND status = 'running' AND executed_by = 'child'", Integer.class, taskId, chunk) == 1;
	}

	private int attempts(String taskId, int chunk) {
		return this.jdbc.queryForObject(
				"SELECT attempts FROM collector_backfill_chunk WHERE task_id = ? AND chunk_no = ?", Integer.class,
				taskId, chunk);
	}

	private void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("Timed out after " + TIMEOUT + " waiting for " + what);
			}
			if (this.child != null && !this.child.isAlive() && this.child.exitValue() != 137) {
				fail("The child replica exited with " + this.child.exitValue() + " (see target/child-replica-*.log)");
			}
			Thread.sleep(50);
		}
	}

	/** Arrival times of the upstream's requests, in nanoseconds (System.nanoTime). */
	private List<Long> arrivals() {
		return this.upstream.requests().stream().map(RecordedRequest::receivedNanos).toList();
	}

}
