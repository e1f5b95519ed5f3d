package dev.collector.database;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Checks the database in the background and keeps the latest answer, so that probes and
 * endpoints learn within microseconds whether the database is there instead of waiting on
 * the connection pool (HikariCP waits 30 s for a connection by default).
 * <p>
 * Every {@code collector.health.database.interval} a check borrows a connection from the
 * pool and validates it ({@link Connection#isValid(int)}) on a thread of its own. A check
 * that has not answered within {@code collector.health.database.timeout} makes the
 * database unavailable at once, while the check itself goes on waiting: at most one check
 * is under way at a time, so an outage holds one thread and one pool waiter, never more.
 * When the database comes back, that check receives the pool's first new connection and
 * the database is available again without waiting for the next interval. A connection
 * that takes longer than the time limit to validate counts as unavailable: a database
 * that slow cannot serve the collector either.
 * <p>
 * Listeners hear every change between available and unavailable.
 */
public class DatabaseAvailability implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseAvailability.class);

	private static final int MAX_REASON_LENGTH = 300;

	private final DataSource dataSource;

	private final Duration interval;

	private final Duration timeout;

	private final Clock clock;

	private final List<Consumer<DatabaseState>> listeners = new CopyOnWriteArrayList<>();

	private final Object lock = new Object();

	private final CountDownLatch firstAnswer = new CountDownLatch(1);

	private volatile DatabaseState state;

	/** Description of the latest failure of a check in the current outage. */
	private volatile String lastFailure;

	private volatile boolean running;

	private ScheduledExecutorService timer;

	private ExecutorService checker;

	// guarded by lock
	private long checks;

	private boolean checking;

	private long lastStartedNanos;

	public DatabaseAvailability(DataSource dataSource, Duration interval, Duration timeout, Clock clock) {
		this.dataSource = dataSource;
		this.interval = interval;
		this.timeout = timeout;
		this.clock = clock;
		this.state = DatabaseState.notCheckedYet(clock.instant());
	}

	/**
	 * The latest answer; never waits.
	 * @return the state
	 */
	public DatabaseState state() {
		return this.state;
	}

	/**
	 * Whether the database answered the latest check in time.
	 * @return {@code true} when available
	 */
	public boolean isAvailable() {
		return this.state.available();
	}

	/**
	 * The DataSource this check watches.
	 * @return the DataSource
	 */
	public DataSource dataSource() {
		return this.dataSource;
	}

	/**
	 * When a caller turned away for an unavailable database should try again: one
	 * interval and one time limit, in whole seconds.
	 * @return the delay in seconds, at least 1
	 */
	public long retryAfterSeconds() {
		long millis = this.interval.plus(this.timeout).toMillis();
		return Math.max(1, (millis + 999) / 1000);
	}

	/**
	 * Be told of every change between available and unavailable, on the thread of the
	 * check; a listener must not block.
	 * @param listener the listener
	 */
	public void addListener(Consumer<DatabaseState> listener) {
		this.listeners.add(listener);
	}

	/**
	 * Start a check now unless one is under way or the latest one started less than
	 * {@code age} ago. Never waits.
	 * @param age the largest acceptable age of the latest check
	 */
	public void refreshIfOlderThan(Duration age) {
		synchronized (this.lock) {
			if (this.checking || System.nanoTime() - this.lastStartedNanos < age.toNanos()) {
				return;
			}
		}
		refresh();
	}

	/**
	 * Start a check now unless one is under way. Never waits.
	 */
	public void refresh() {
		long check;
		long startedNanos;
		synchronized (this.lock) {
			if (!this.running || this.checking) {
				return;
			}
			this.checking = true;
			check = ++this.checks;
			startedNanos = System.nanoTime();
			this.lastStartedNanos = startedNanos;
		}
		Instant startedAt = this.clock.instant();
		try {
			this.checker.execute(() -> check(check, startedAt, startedNanos));
			this.timer.schedule(() -> timedOut(check, startedAt), this.timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RejectedExecutionException ex) {
			// stopped meanwhile
			synchronized (this.lock) {
				this.checking = false;
			}
		}
	}

	private void check(long check, Instant startedAt, long startedNanos) {
		String failure = null;
		long validationNanos = 0;
		try (Connection connection = this.dataSource.getConnection()) {
			long validationStarted = System.nanoTime();
			boolean valid = connection.isValid(validationSeconds());
			validationNanos = System.nanoTime() - validationStarted;
			if (!valid) {
				failure = "the database did not validate a pooled connection";
			}
			else if (validationNanos > this.timeout.toNanos()) {
				failure = "the database validated a connection in " + validationNanos / 1_000_000
						+ " ms, over the limit of " + this.timeout.toMillis()
						+ " ms (collector.health.database.timeout)";
			}
		}
		catch (Exception ex) {
			failure = describe(ex);
		}
		Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
		synchronized (this.lock) {
			if (this.checks == check) {
				this.checking = false;
			}
		}
		if (failure != null) {
			this.lastFailure = failure;
			publish(new DatabaseState(false, failure, startedAt, took, null));
		}
		else {
			publish(new DatabaseState(true, null, startedAt, took, null));
		}
	}

	private void timedOut(long check, Instant startedAt) {
		synchronized (this.lock) {
			if (!this.checking || this.checks != check) {
				return;
			}
		}
		String reason = "no connection from the pool within " + this.timeout.toMillis()
				+ " ms (collector.health.database.timeout)";
		String last = this.lastFailure;
		publish(new DatabaseState(false, (last != null) ? reason + "; last error: " + last : reason, startedAt, null,
				null));
	}

	private void publish(DatabaseState answer) {
		DatabaseState previous;
		DatabaseState next;
		boolean first;
		Instant now = this.clock.instant();
		synchronized (this.lock) {
			previous = this.state;
			first = this.firstAnswer.getCount() > 0;
			boolean changed = first || previous.available() != answer.available();
			next = new DatabaseState(answer.available(), answer.reason(), answer.checkedAt(), answer.responseTime(),
					changed ? now : previous.since());
			this.state = next;
			this.firstAnswer.countDown();
		}
		if (!first && previous.available() == next.available()) {
			return;
		}
		if (next.available()) {
			this.lastFailure = null;
		}
		if (next.available() && !first) {
			logger.info("The database is available again after {} s unavailable",
					Duration.between(previous.since(), now).toMillis() / 1000.0);
		}
		else if (!next.available()) {
			logger.warn("The database is unavailable: {}", next.reason());
		}
		for (Consumer<DatabaseState> listener : this.listeners) {
			try {
				listener.accept(next);
			}
			catch (RuntimeException ex) {
				logger.warn("A database availability listener failed", ex);
			}
		}
	}

	private int validationSeconds() {
		return (int) Math.max(1, (this.timeout.toMillis() + 999) / 1000);
	}

	static String describe(Throwable failure) {
		String description = failure.getClass().getSimpleName() + ": " + failure.getMessage();
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root != failure && root.getMessage() != null && !description.contains(root.getMessage())) {
			description += " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
		}
		return (description.length() > MAX_REASON_LENGTH) ? description.substring(0, MAX_REASON_LENGTH) + "…"
				: description;
	}

	@Override
	public void start() {
		this.timer = Executors.newSingleThreadScheduledExecutor((task) -> daemon(task, "collector-database-timer"));
		this.checker = Executors.newSingleThreadExecutor((task) -> daemon(task, "collector-database-check"));
		this.running = true;
		refresh();
		try {
			// the first answer before the application takes traffic, within the limit
			this.firstAnswer.await(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.timer.scheduleWithFixedDelay(this::refresh, this.interval.toNanos(), this.interval.toNanos(),
				TimeUnit.NANOSECONDS);
	}

	@Override
	public void stop() {
		this.running = false;
		this.timer.shutdownNow();
		this.checker.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static Thread daemon(Runnable task, String name) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		return thread;
	}

}
