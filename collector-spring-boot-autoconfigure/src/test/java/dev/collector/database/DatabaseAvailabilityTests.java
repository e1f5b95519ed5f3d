package dev.collector.database;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DatabaseAvailabilityTests {

	private final ScriptedDataSource dataSource = new ScriptedDataSource();

	private final List<DatabaseState> changes = new CopyOnWriteArrayList<>();

	private DatabaseAvailability availability;

	@AfterEach
	void stop() {
		this.dataSource.release();
		if (this.availability != null && this.availability.isRunning()) {
			this.availability.stop();
		}
	}

	@Test
	void availableWhenAPooledConnectionValidates() throws Exception {
		start(Duration.ofSeconds(10));
		waiting().until(() -> this.availability.isAvailable());
		DatabaseState state = this.availability.state();
		assertThat(state.reason()).isNull();
		assertThat(state.responseTime()).isNotNull();
	}

	@Test
	void unavailableWithTheReasonWhenNoConnectionCanBeHadAndAvailableAgainAfterwards() throws Exception {
		this.dataSource.failure.set(new SQLTransientConnectionException("Connection refused"));
		start(Duration.ofMillis(50));
		waiting().until(() -> this.availability.state().reason() != null
				&& this.availability.state().reason().contains("Connection refused"));
		assertThat(this.availability.isAvailable()).isFalse();
		this.dataSource.failure.set(null);
		waiting().until(() -> this.availability.isAvailable());
		assertThat(this.changes).extracting(DatabaseState::available).containsExactly(false, true);
	}

	@Test
	void aCheckThatWaitsOnThePoolMakesTheDatabaseUnavailableAfterTheTimeLimitAndOnlyOneWaits() throws Exception {
		start(Duration.ofMillis(50));
		waiting().until(() -> this.availability.isAvailable());
		this.dataSource.hold();
		waiting().until(() -> !this.availability.isAvailable());
		assertThat(this.availability.state().reason()).startsWith("no connection from the pool within 200 ms");
		// later checks do not pile up behind the one that waits
		Thread.sleep(300);
		assertThat(this.dataSource.waiting.get()).isEqualTo(1);
		// the waiting check gets the first connection when the pool has one again
		this.dataSource.release();
		waiting().until(() -> this.availability.isAvailable());
	}

	@Test
	void aConnectionThatDoesNotValidateMakesTheDatabaseUnavailable() throws Exception {
		this.dataSource.valid = false;
		start(Duration.ofMillis(50));
		waiting().until(
				() -> "the database did not validate a pooled connection".equals(this.availability.state().reason()));
	}

	@Test
	void refreshIfOlderThanStartsACheckOnlyWhenTheLatestIsOld() throws Exception {
		start(Duration.ofHours(1));
		waiting().until(() -> this.availability.isAvailable());
		int checks = this.dataSource.connections.get();
		this.availability.refreshIfOlderThan(Duration.ofHours(1));
		assertThat(this.dataSource.connections.get()).isEqualTo(checks);
		this.availability.refreshIfOlderThan(Duration.ZERO);
		waiting().until(() -> this.dataSource.connections.get() == checks + 1);
	}

	@Test
	void retryAfterIsOneIntervalAndOneTimeLimitInWholeSeconds() {
		assertThat(new DatabaseAvailability(this.dataSource, Duration.ofSeconds(2), Duration.ofSeconds(1),
				Clock.systemUTC())
			.retryAfterSeconds()).isEqualTo(3);
		assertThat(new DatabaseAvailability(this.dataSource, Duration.ofMillis(100), Duration.ofMillis(200),
				Clock.systemUTC())
			.retryAfterSeconds()).isEqualTo(1);
	}

	/** Generous for a loaded machine: the conditions are met in milliseconds normally. */
	private static ConditionFactory waiting() {
		return await().atMost(Duration.ofSeconds(30));
	}

	private void start(Duration interval) {
		this.availability = new DatabaseAvailability(this.dataSource, interval, Duration.ofMillis(200),
				Clock.systemUTC());
		this.availability.addListener(this.changes::add);
		this.availability.start();
	}

	static class ScriptedDataSource extends AbstractDataSource {

		final AtomicReference<SQLException> failure = new AtomicReference<>();

		final AtomicInteger connections = new AtomicInteger();

		final AtomicInteger waiting = new AtomicInteger();

		volatile boolean valid = true;

		private volatile CountDownLatch gate = new CountDownLatch(0);

		void hold() {
			this.gate = new CountDownLatch(1);
		}

		void release() {
			this.gate.countDown();
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connections.incrementAndGet();
			this.waiting.incrementAndGet();
			try {
				this.gate.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new SQLException("interrupted", ex);
			}
			finally {
				this.waiting.decrementAndGet();
			}
			SQLException failed = this.failure.get();
			if (failed != null) {
				throw failed;
			}
			boolean validates = this.valid;
			// a plain proxy: answers isValid, ignores the rest (close)
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> "isValid".equals(method.getName()) ? validates : null);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
