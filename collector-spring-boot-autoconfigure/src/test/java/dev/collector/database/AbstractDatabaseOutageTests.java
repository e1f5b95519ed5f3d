package dev.collector.database;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.CheckpointStore;
import dev.collector.collect.CollectorStatus;
import dev.collector.database.OutageApplication.Answer;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fault injection: the collector service on a real database behind a
 * {@link dev.collector.fixtures.TcpProxy}, with Spring Boot's default pool settings,
 * loses the database for several seconds.
 * <p>
 * The time limits are the contract's upper bounds (probes 1 s, endpoints 2 s), asserted
 * on the median; every single answer must come within twice that, so a loaded machine
 * does not fail the test but a probe or endpoint that waits on the pool's 30 s connection
 * timeout does.
 */
@RunsBesideOtherTests
abstract class AbstractDatabaseOutageTests {

	static final Duration PROBE_LIMIT = Duration.ofSeconds(1);

	static final Duration ENDPOINT_LIMIT = Duration.ofSeconds(2);

	/** Time the background check may take to notice the outage (interval + timeout). */
	static final Duration DETECTION = Duration.ofSeconds(4);

	static final Duration OUTAGE = Duration.ofSeconds(10);

	static final List<String> PROBES = List.of("/health", "/ready", "/actuator/health/readiness", "/actuator/health");

	static final List<String> DATABASE_ENDPOINTS = List.of("/status", "/backfill", "/coverage", "/data-quality");

	private TestSchema schema;

	private OutageApplication app;

	abstract TestDatabase database();

	@BeforeEach
	void createSchema() {
		this.schema = database().createSchema();
		this.schema.jdbcTemplate().execute(readingTable());
	}

	@AfterEach
	void stop() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.schema != null) {
			this.schema.close();
		}
	}

	@Test
	void probesAnswerAtOnceAndEndpointsFailFastWhileTheDatabaseIsGone() throws Exception {
		this.app = new OutageApplication(this.schema, "collector.schedule.enabled=false");
		awaitReady();
		assertThat(this.app.post("/collect?wait=true").body()).contains("\"status\":\"succeeded\"");
		this.app.proxy.cut();
		long cutAt = System.nanoTime();
		List<Timed> probes = Collections.synchronizedList(new ArrayList<>());
		List<Timed> endpoints = Collections.synchronizedList(new ArrayList<>());
		List<Answer> liveness = new ArrayList<>();
		List<Answer> burst = new ArrayList<>();
		boolean burstDone = false;
		while (System.nanoTime() - cutAt < OUTAGE.toNanos()) {
			for (String probe : PROBES) {
				probes.add(new Timed(since(cutAt), this.app.get(probe)));
			}
			liveness.add(this.app.get("/actuator/health/liveness"));
			for (String endpoint : DATABASE_ENDPOINTS) {
				endpoints.add(new Timed(since(cutAt), this.app.get(endpoint)));
			}
			endpoints.add(new Timed(since(cutAt), this.app.post("/collect?wait=true")));
			if (!burstDone && since(cutAt).compareTo(DETECTION) > 0) {
				burstDone = true;
				burst.addAll(concurrently(200));
				liveness.add(this.app.get("/actuator/health/liveness"));
			}
		}
		this.app.proxy.restore();
		long restoredAt = System.nanoTime();
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> this.app.get("/actuator/health/readiness").status() == 200);
		Duration readyAgain = since(restoredAt);
		Answer status = this.app.get("/status");
		// a POST /collect that the check had not yet refused during the outage may have
		// ordered a run that goes on after the restore, or whose end could not be
		// written: the replica takes such a run back once the database is back (two
		// heartbeats after its last one, 20 s by default), not a minute later when
		// db-scheduler would find it dead; 409 meanwhile
		AtomicReference<Answer> afterRestore = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(200)).until(() -> {
			afterRestore.set(this.app.post("/collect?wait=true"));
			return afterRestore.get().status() != 409;
		});
		Answer run = afterRestore.get();

		report("probes during the outage", probes);
		report("endpoints during the outage", endpoints);
		System.out.printf("[%s] burst of %d: %s; readiness UP %d ms after the restore; /status after: %d ms%n",
				database(), burst.size(), stats(burst.stream().map(Answer::took).toList()), readyAgain.toMillis(),
				status.took().toMillis());

		assertWithin(probes, PROBE_LIMIT);
		assertWithin(endpoints, ENDPOINT_LIMIT);
		assertThat(probes).filteredOn((timed) -> timed.at().compareTo(DETECTION) > 0)
			.isNotEmpty()
			.allSatisfy((timed) -> {
				assertThat(timed.answer().status()).as(timed.answer().toString()).isEqualTo(503);
				if (!timed.answer().request().contains("actuator")) {
					assertThat(timed.answer().body()).contains("\"database_connected\":false")
						.contains("\"reason\":\"database unavailable: ");
				}
			});
		// before the check noticed the outage, /status may still answer with what it has
		assertThat(endpoints).filteredOn((timed) -> timed.at().compareTo(DETECTION) > 0)
			.isNotEmpty()
			.allSatisfy((timed) -> assertDatabaseUnavailable(timed.answer()));
		assertThat(endpoints)
			.allSatisfy((timed) -> assertThat(timed.answer().status()).as(timed.answer().toString()).isIn(200, 503));
		assertThat(liveness).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
			assertThat(answer.took()).isLessThan(PROBE_LIMIT.multipliedBy(2));
		});
		assertThat(burst).hasSize(200).allSatisfy((answer) -> {
			assertThat(answer.status()).as(answer.toString()).isIn(503);
			assertThat(answer.took()).as(answer.toString()).isLessThan(ENDPOINT_LIMIT.multipliedBy(2));
		});
		assertThat(readyAgain).isLessThan(Duration.ofSeconds(15));
		assertThat(status.status()).isEqualTo(200);
		assertThat(status.took()).isLessThan(ENDPOINT_LIMIT.multipliedBy(2));
		assertThat(run.body()).contains("\"status\":\"succeeded\"");
		assertEveryRecordStoredOnce();
	}

	@Test
	void aRunCutOffByAnOutageEndsCleanlyAndTheScheduleGoesOnWithNothingLostOrDuplicated() throws Exception {
		this.app = new OutageApplication(this.schema, "collector.schedule.enabled=true",
				"collector.schedule.interval=2s", "collector.schedule.initial-delay=0s");
		CollectorStatus status = this.app.context.getBean(CollectorStatus.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> status.snapshot().lastSuccess() != null);
		// the next run reads for about 3 s, the outage starts in its middle
		this.app.collector.delayPerRecord = Duration.ofSeconds(1);
		CountDownLatch entered = new CountDownLatch(1);
		this.app.collector.entered = entered;
		await().atMost(Duration.ofSeconds(30)).until(() -> entered.getCount() == 0);
		this.app.proxy.cut();
		Thread.sleep(OUTAGE.toMillis());
		this.app.collector.delayPerRecord = Duration.ZERO;
		this.app.proxy.restore();
		Instant restored = Instant.now();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> status.snapshot().lastSuccess() != null
					&& status.snapshot().lastSuccess().finishedAt().isAfter(restored.plusSeconds(3)));
		System.out.printf("[%s] runs: %s%n", database(), status.snapshot());
		assertEveryRecordStoredOnce();
	}

	private void assertEveryRecordStoredOnce() {
		JdbcTemplate jdbc = this.schema.jdbcTemplate();
		Instant checkpoint = this.app.context.getBean(CheckpointStore.class).get("readings").orElseThrow();
		Instant from = this.app.collector.firstFrom;
		long expected = 0;
		for (Instant at = from.truncatedTo(java.time.temporal.ChronoUnit.SECONDS); at
			.isBefore(checkpoint); at = at.plusSeconds(1)) {
			if (!at.isBefore(from)) {
				expected++;
			}
		}
		Map<String, Object> stored = jdbc
			.queryForMap("SELECT COUNT(*) AS total, COUNT(DISTINCT taken_at) AS distinct_times FROM reading");
		assertThat(((Number) stored.get("total")).longValue()).as("records stored, from %s to %s", from, checkpoint)
			.isEqualTo(expected);
		assertThat(((Number) stored.get("distinct_times")).longValue()).isEqualTo(expected);
	}

	private void assertDatabaseUnavailable(Answer answer) {
		assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
		assertThat(answer.isProblem()).as(answer.toString()).isTrue();
		assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
		assertThat(answer.body()).contains("\"title\":\"Database unavailable\"");
	}

	private List<Answer> concurrently(int requests) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(requests);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Answer>> answers = new ArrayList<>();
			for (int i = 0; i < requests; i++) {
				String path = DATABASE_ENDPOINTS.get(i % DATABASE_ENDPOINTS.size());
				Supplier<Answer> call = (i % 5 == 4) ? () -> this.app.post("/collect") : () -> this.app.get(path);
				answers.add(pool.submit(() -> {
					start.await();
					return call.get();
				}));
			}
			start.countDown();
			List<Answer> done = new ArrayList<>();
			for (Future<Answer> answer : answers) {
				done.add(answer.get());
			}
			return done;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private void awaitReady() {
		await().atMost(Duration.ofSeconds(30)).until(() -> this.app.get("/ready").status() == 200);
	}

	private void assertWithin(List<Timed> timed, Duration limit) {
		List<Duration> took = timed.stream().map((t) -> t.answer().took()).sorted().toList();
		assertThat(took.get(took.size() / 2)).as("median").isLessThan(limit);
		assertThat(timed).allSatisfy(
				(t) -> assertThat(t.answer().took()).as(t.answer().toString()).isLessThan(limit.multipliedBy(2)));
	}

	private void report(String what, List<Timed> timed) {
		Map<String, List<Duration>> byRequest = new TreeMap<>();
		timed.forEach((t) -> byRequest.computeIfAbsent(t.answer().request(), (key) -> new ArrayList<>())
			.add(t.answer().took()));
		byRequest
			.forEach((request, took) -> System.out.printf("[%s] %s, %s: %s%n", database(), what, request, stats(took)));
	}

	static String stats(List<Duration> took) {
		List<Long> micros = took.stream().map((d) -> d.toNanos() / 1000).sorted().toList();
		return String.format("n=%d min=%.1f ms median=%.1f ms max=%.1f ms", micros.size(), micros.get(0) / 1000.0,
				micros.get(micros.size() / 2) / 1000.0, micros.get(micros.size() - 1) / 1000.0);
	}

	private static Duration since(long nanos) {
		return Duration.ofNanos(System.nanoTime() - nanos);
	}

	private String readingTable() {
		String timestamp = (database() == TestDatabase.MARIADB) ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		return "CREATE TABLE reading (sensor VARCHAR(50) NOT NULL, taken_at " + timestamp
				+ " NOT NULL, celsius DOUBLE PRECISION, ingested_at " + timestamp + ", PRIMARY KEY (sensor, taken_at))";
	}

	record Timed(Duration at, Answer answer) {
	}

}
