package dev.collector.benchmarks.cluster;

import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.mysql.Bucket4jMySQL;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import dev.collector.budget.ClusterRateBudget;
import dev.collector.budget.JdbcRateBudgetStore;
import dev.collector.config.RateLimitProperties;

/**
 * The two ways to share one rate budget between replicas, measured on PostgreSQL and
 * MariaDB: a token bucket in the database (Bucket4j's JDBC proxy managers: one
 * transaction per call) and the collector's lease scheme (each replica renews a share in
 * the database every lease-renewal and spends it through its local Resilience4j rate
 * limiter). Three replicas in this JVM, each with its own connection pool and two calling
 * threads:
 * <ul>
 * <li>overhead: a budget that never limits; calls per second the scheme allows at most,
 * the time one permit takes (added latency per call), SQL statements per call;</li>
 * <li>accuracy: a budget of 20 calls per second; calls per second held, the most in any
 * second.</li>
 * </ul>
 * Usage: {@code RateBudgetComparison <markdown-out> [postgres-url] [mariadb-url]}.
 */
public final class RateBudgetComparison {

	private static final int REPLICAS = 3;

	private static final int THREADS = 2;

	private final Path out;

	private RateBudgetComparison(Path out) {
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		RateBudgetComparison comparison = new RateBudgetComparison(Path.of(args[0]));
		comparison.write("### Cluster-wide rate budget: Bucket4j (token bucket in the database) against the lease"
				+ " scheme\n\n" + REPLICAS + " replicas in one JVM, each with its own pool and " + THREADS
				+ " calling threads; the calls themselves take no time.\n\n"
				+ "| database | scheme | calls/s at most (budget not limiting) | added latency per call p50 / p99 |"
				+ " SQL statements per call | calls/s held at a budget of 20/s | most in any second |\n"
				+ "|---|---|---:|---:|---:|---:|---:|\n");
		if (args.length > 1 && !args[1].isBlank()) {
			comparison.database("PostgreSQL", args[1], "postgres");
		}
		if (args.length > 2 && !args[2].isBlank()) {
			comparison.database("MariaDB", args[2], "root");
		}
		comparison.write("\n");
		System.exit(0);
	}

	private void database(String name, String url, String user) throws Exception {
		for (String scheme : List.of("Bucket4j", "lease")) {
			Result overhead = run(name, url, user, scheme, 6_000_000, Duration.ofSeconds(10));
			Result accuracy = run(name, url, user, scheme, 1200, Duration.ofSeconds(20));
			write(String.format(Locale.ROOT, "| %s | %s | %,.0f | %.1f / %.1f µs | %.2f | %.2f | %d |%n", name,
					scheme.equals("lease") ? "lease (chosen)" : "Bucket4j " + bucketKind(name), overhead.rate,
					overhead.p50Micros, overhead.p99Micros, overhead.statementsPerCall, accuracy.rate,
					accuracy.mostInASecond));
		}
	}

	private static String bucketKind(String database) {
		return database.equals("PostgreSQL") ? "(advisory lock)" : "(SELECT … FOR UPDATE)";
	}

	private Result run(String database, String url, String user, String scheme, int perMinute, Duration duration)
			throws Exception {
		List<HikariDataSource> pools = new ArrayList<>();
		AtomicLong statements = new AtomicLong();
		List<Permits> replicas = new ArrayList<>();
		try {
			for (int i = 0; i < REPLICAS; i++) {
				HikariDataSource pool = new HikariDataSource();
				pool.setJdbcUrl(url);
				pool.setUsername(user);
				pool.setMaximumPoolSize(THREADS + 1);
				pools.add(pool);
				DataSource counted = counting(pool, statements);
				if (i == 0) {
					prepare(database, new JdbcTemplate(pool));
				}
				replicas.add(scheme.equals("lease") ? lease(counted, "r" + i, perMinute)
						: bucket(database, counted, perMinute));
			}
			for (Permits replica : replicas) {
				replica.warmUp();
			}
			statements.set(0);
			List<Long> permits = java.util.Collections.synchronizedList(new ArrayList<>());
			long[] latencies = new long[5_000_000];
			AtomicLong count = new AtomicLong();
			CountDownLatch done = new CountDownLatch(REPLICAS * THREADS);
			long end = System.nanoTime() + duration.toNanos();
			for (Permits replica : replicas) {
				for (int t = 0; t < THREADS; t++) {
					Thread thread = new Thread(() -> {
						try {
							while (System.nanoTime() < end) {
								long start = System.nanoTime();
								if (!replica.acquire(end - start)) {
									break;
								}
								long now = System.nanoTime();
								long n = count.getAndIncrement();
								if (n < latencies.length) {
									latencies[(int) n] = now - start;
								}
								permits.add(now);
							}
						}
						finally {
							done.countDown();
						}
					});
					thread.start();
				}
			}
			done.await();
			int n = (int) Math.min(count.get(), latencies.length);
			long[] sorted = Arrays.copyOf(latencies, n);
			Arrays.sort(sorted);
			List<Long> times = new ArrayList<>(permits);
			java.util.Collections.sort(times);
			return new Result(n / (duration.toNanos() / 1e9), sorted[n / 2] / 1e3, sorted[(int) (n * 0.99)] / 1e3,
					(double) statements.get() / Math.max(1, n), Arrivals.maxIn(times, 1_000_000_000L));
		}
		finally {
			for (Permits replica : replicas) {
				replica.close();
			}
			pools.forEach(HikariDataSource::close);
		}
	}

	private static void prepare(String database, JdbcTemplate jdbc) {
		jdbc.execute("DROP TABLE IF EXISTS bucket");
		jdbc.execute("CREATE TABLE bucket (id BIGINT PRIMARY KEY, state "
				+ (database.equals("PostgreSQL") ? "BYTEA" : "BLOB") + ")");
		jdbc.execute("DROP TABLE IF EXISTS collector_rate_lease");
		jdbc.execute("DROP TABLE IF EXISTS collector_rate_budget");
		ResourceDatabasePopulator schema = new ResourceDatabasePopulator(new ClassPathResource(
				"dev/collector/jdbc/schema-" + (database.equals("PostgreSQL") ? "postgresql" : "mariadb") + ".sql"));
		schema.setContinueOnError(true);
		schema.execute(jdbc.getDataSource());
	}

	private static Permits bucket(String database, DataSource dataSource, int perMinute) {
		ProxyManager<Long> manager = database.equals("PostgreSQL")
				? Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource).build()
				: Bucket4jMySQL.selectForUpdateBasedBuilder(dataSource).build();
		long perSecond = Math.max(1, perMinute / 60);
		BucketConfiguration configuration = BucketConfiguration.builder()
			.addLimit((limit) -> limit.capacity(perSecond).refillGreedy(perMinute, Duration.ofMinutes(1)))
			.build();
		BucketProxy bucket = manager.builder().build(1L, () -> configuration);
		return new Permits() {
			@Override
			public boolean acquire(long maxWaitNanos) {
				try {
					return bucket.asBlocking().tryConsume(1, Duration.ofNanos(Math.max(0, maxWaitNanos)));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		};
	}

	private static Permits lease(DataSource dataSource, String id, int perMinute) {
		RateLimitProperties settings = new RateLimitProperties();
		settings.setRequestsPerMinute(perMinute);
		ClusterRateBudget budget = new ClusterRateBudget("bench", id, settings,
				new JdbcRateBudgetStore(new JdbcTemplate(dataSource)), Clock.systemUTC());
		RateLimiter[] limiter = { null };
		// as CollectorResilience does: a limiter of the share, its first permit a period
		// later
		budget.onShareChange((share) -> {
			RateLimiter next = RateLimiter.of("bench-" + id,
					RateLimiterConfig.custom()
						.limitForPeriod(1)
						.limitRefreshPeriod(Duration.ofNanos((long) (60e9 / share)))
						.timeoutDuration(Duration.ofSeconds(30))
						.build());
			next.drainPermissions();
			limiter[0] = next;
		});
		budget.start();
		return new Permits() {
			@Override
			public boolean acquire(long maxWaitNanos) {
				try {
					if (!budget.awaitTurn(Duration.ofNanos(Math.max(0, maxWaitNanos)))) {
						return false;
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
				return limiter[0].acquirePermission();
			}

			@Override
			public void warmUp() throws InterruptedException {
				// every replica a spender, past its grace
				budget.awaitTurn(Duration.ofSeconds(30));
				Thread.sleep(settings.getLeaseRenewal().toMillis() * 3);
			}

			@Override
			public void close() {
				budget.stop();
			}
		};
	}

	/** Counts the statements prepared or created on the pool's connections. */
	private static DataSource counting(HikariDataSource pool, AtomicLong statements) {
		return (DataSource) Proxy.newProxyInstance(RateBudgetComparison.class.getClassLoader(),
				new Class<?>[] { DataSource.class }, (proxy, method, args) -> {
					Object result = invoke(method, pool, args);
					if (result instanceof Connection connection) {
						return Proxy.newProxyInstance(RateBudgetComparison.class.getClassLoader(),
								new Class<?>[] { Connection.class }, (p, m, a) -> {
									if (m.getName().equals("prepareStatement") || m.getName().equals("createStatement")
											|| m.getName().equals("prepareCall")) {
										statements.incrementAndGet();
									}
									return invoke(m, connection, a);
								});
					}
					return result;
				});
	}

	private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (java.lang.reflect.InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

	private void write(String text) throws IOException {
		System.out.print(text);
		Files.writeString(this.out, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	interface Permits extends AutoCloseable {

		boolean acquire(long maxWaitNanos);

		default void warmUp() throws Exception {
			acquire(Duration.ofSeconds(5).toNanos());
		}

		@Override
		default void close() {
		}

	}

	private record Result(double rate, double p50Micros, double p99Micros, double statementsPerCall,
			int mostInASecond) {
	}

}
