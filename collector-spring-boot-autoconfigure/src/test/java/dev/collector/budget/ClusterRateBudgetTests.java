package dev.collector.budget;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.collector.config.RateLimitProperties;
import dev.collector.testdb.TestDatabase;
import dev.collector.testdb.TestSchema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas' budgets on one database: the busy ones share the limit, an idle one
 * leaves its part to the others, one that leaves gives its share back, a 429 met by one
 * pauses both, and a new limit set by one applies to both.
 */
class ClusterRateBudgetTests {

	private TestSchema schema;

	private ClusterRateBudget first;

	private ClusterRateBudget second;

	@BeforeEach
	void createSchema() {
		this.schema = TestDatabase.H2.createSchema();
		new ResourceDatabasePopulator(new ClassPathResource("dev/collector/jdbc/schema-h2.sql"))
			.execute(this.schema.dataSource());
		this.first = budget("first");
		this.second = budget("second");
	}

	@AfterEach
	void stop() {
		this.first.stop();
		this.second.stop();
		this.schema.close();
	}

	@Test
	void busyReplicasShareTheLimitAndAnIdleOneLeavesItsPartToTheOthers() throws Exception {
		this.first.start();
		this.second.start();
		// nobody asked for permits yet: no share
		assertThat(this.first.share()).isZero();
		assertThat(this.first.awaitTurn(Duration.ofSeconds(10))).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.first.share() == 120);
		assertThat(this.second.awaitTurn(Duration.ofSeconds(10))).isTrue();
		// both spend: the first shrank before the second started spending
		await().atMost(Duration.ofSeconds(10)).until(() -> this.first.share() == 60 && this.second.share() == 60);
		assertThat(this.first.snapshot().spenders()).isEqualTo(2);
		// the second falls idle (no caller for three renewals): the first gets it all
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			this.first.awaitTurn(Duration.ofSeconds(1));
			return this.first.share() == 120 && this.second.share() == 0;
		});
	}

	@Test
	void aReplicaThatLeavesGivesItsShareBack() throws Exception {
		this.first.start();
		this.second.start();
		keepBusy(this.first, this.second);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first, this.second);
			return this.first.share() == 60;
		});
		this.second.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first);
			return this.first.share() == 120;
		});
	}

	@Test
	void a429MetByOneReplicaPausesBothAndHalvesTheBudget() throws Exception {
		this.first.start();
		this.second.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first, this.second);
			return this.first.share() == 60 && this.second.share() == 60;
		});
		this.first.throttled(Duration.ofSeconds(2));
		assertThat(this.first.share()).isZero();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.second.share() == 0);
		assertThat(this.second.snapshot().pausedUntil()).isNotNull();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first, this.second);
			return this.second.share() > 0;
		});
		// 120 halved, shared by two, and climbing back
		assertThat(this.second.share()).isBetween(30.0, 45.0);
		assertThat(this.second.snapshot().effective()).isLessThan(120);
	}

	@Test
	void aLimitSetByOneReplicaAppliesToBoth() throws Exception {
		this.first.start();
		this.second.start();
		this.first.configure(60);
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first, this.second);
			return this.second.share() == 30 && this.second.snapshot().configured() == 60;
		});
	}

	@Test
	void aReplicaWhoseRenewalsStallStopsSpendingWhenItsLeaseEndsAndNoOtherSpendsBeforeThat() throws Exception {
		// renewals of 200 ms: a lease lasts 600 ms, a new spender waits at least 300 ms
		StallingStore stalling = new StallingStore(this.schema.jdbcTemplate());
		this.first = new ClusterRateBudget("readings", "first", settings(Duration.ofMillis(200)), stalling,
				Clock.systemUTC());
		this.second = new ClusterRateBudget("readings", "second", settings(Duration.ofMillis(200)),
				new JdbcRateBudgetStore(this.schema.jdbcTemplate()), Clock.systemUTC());
		this.first.start();
		this.second.start();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first);
			return this.first.share() == 120;
		});
		// the first replica's ticker hangs in its next renewal (a starved JVM, a
		// database that does not answer); it still has its share of 120
		stalling.stall();
		// the second starts spending at once: it could spend 300 ms later, while the
		// first's lease, renewed up to 200 ms ago, still has up to 400 ms to run
		await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(1)).until(stalling::stalled);
		long overlaps = 0;
		boolean secondSpent = false;
		long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
		while (System.nanoTime() < end) {
			boolean firstMaySpend = this.first.awaitTurn(Duration.ZERO);
			boolean secondMaySpend = this.second.awaitTurn(Duration.ZERO);
			secondSpent |= secondMaySpend;
			if (firstMaySpend && secondMaySpend) {
				overlaps++;
			}
			Thread.sleep(5);
		}
		assertThat(overlaps).as("moments when the stalled replica and the new one could both spend").isZero();
		assertThat(secondSpent).as("the new replica spends once the stalled one's lease ended").isTrue();
		assertThat(this.second.share()).isEqualTo(120);
		// back: it joins again like a new spender and they share
		stalling.resume();
		await().atMost(Duration.ofSeconds(10)).until(() -> {
			keepBusy(this.first, this.second);
			return this.first.share() == 60 && this.second.share() == 60;
		});
	}

	private static void keepBusy(ClusterRateBudget... budgets) throws InterruptedException {
		for (ClusterRateBudget budget : budgets) {
			budget.awaitTurn(Duration.ZERO);
		}
	}

	private ClusterRateBudget budget(String instanceId) {
		return new ClusterRateBudget("readings", instanceId, settings(Duration.ofMillis(100)),
				new JdbcRateBudgetStore(this.schema.jdbcTemplate()), Clock.systemUTC());
	}

	private static RateLimitProperties settings(Duration leaseRenewal) {
		RateLimitProperties settings = new RateLimitProperties();
		settings.setRequestsPerMinute(120);
		settings.setLeaseRenewal(leaseRenewal);
		settings.setRecoveryTime(Duration.ofMinutes(10));
		return settings;
	}

	/** A store whose renewals hang while the test says so. */
	static class StallingStore extends JdbcRateBudgetStore {

		private volatile CountDownLatch gate = new CountDownLatch(0);

		private volatile boolean stalled;

		StallingStore(JdbcTemplate jdbc) {
			super(jdbc);
		}

		void stall() {
			this.gate = new CountDownLatch(1);
		}

		boolean stalled() {
			return this.stalled;
		}

		void resume() {
			this.gate.countDown();
		}

		@Override
		public void renew(String collector, String instanceId, Instant spendingSince, Instant expiresAt) {
			CountDownLatch gate = this.gate;
			if (gate.getCount() > 0) {
				this.stalled = true;
				try {
					gate.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				finally {
					this.stalled = false;
				}
			}
			super.renew(collector, instanceId, spendingSince, expiresAt);
		}

	}

}
