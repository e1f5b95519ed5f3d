package dev.collector.benchmarks.cluster;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster benchmarks of issue 21, with every replica a JVM of its own on one
 * PostgreSQL database and a fake upstream in this JVM that answers every request after a
 * fixed latency and counts them:
 * <ul>
 * <li>{@code scale}: a backfill of 1,000 one-day chunks with a budget that is not the
 * bottleneck, on 1, 2 and 3 replicas: wall time, speed-up, how busy each replica's
 * collector was, how soon each replica started its first chunk;</li>
 * <li>{@code budget}: the same on 3 replicas with a budget that is the bottleneck:
 * requests per second at the upstream against the budget;</li>
 * <li>{@code recovery}: 2 replicas with the default heartbeats; one is killed for good
 * ({@code kill -9}) in the middle of a chunk: how long until the other revives it; then
 * one is frozen ({@code kill -STOP}) for 10 s, as in a long garbage collection: its chunk
 * must not be revived.</li>
 * </ul>
 * Usage: {@code ClusterBenchmark <mode> <jdbc-url> <markdown-out>}; see
 * scripts/cluster-benchmark.sh.
 */
public final class ClusterBenchmark {

	private static final String SCHEMA = "bench_cluster";

	private static final LocalDate FIRST = LocalDate.parse("2020-01-01");

	private final String url;

	private final Path out;

	private final List<Process> replicas = new ArrayList<>();

	private final List<Integer> ports = new ArrayList<>();

	private final List<Long> arrivals = new CopyOnWriteArrayList<>();

	private final HttpClient http = HttpClient.newHttpClient();

	private HttpServer upstream;

	private HikariDataSource dataSource;

	private JdbcTemplate jdbc;

	private ClusterBenchmark(String url, Path out) {
		this.url = url;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		ClusterBenchmark benchmark = new ClusterBenchmark(args[1], Path.of(args[2]));
		try {
			switch (args[0]) {
				case "scale" -> benchmark.scale(Integer.parseInt(System.getProperty("bench.chunks", "1000")));
				case "budget" -> benchmark.budget(Integer.parseInt(System.getProperty("bench.chunks", "1000")));
				case "recovery" -> benchmark.recovery();
				default -> throw new IllegalArgumentException("mode scale, budget or recovery");
			}
		}
		finally {
			benchmark.stopAll();
		}
		System.exit(0);
	}

	private void scale(int chunks) throws Exception {
		write("### Scale-out: " + chunks + " chunks, upstream latency 100 ms, budget not limiting\n\n"
				+ "| replicas | wall s | speed-up | chunks/s | upstream req/s | database transactions per chunk |"
				+ " collector busy (per replica) | first chunk after (per replica) |\n"
				+ "|---:|---:|---:|---:|---:|---:|---|---|\n");
		// -Dbench.replicas=3 -Dbench.one-replica-wall=171.1 runs one count only
		double one = Double.parseDouble(System.getProperty("bench.one-replica-wall", "0"));
		for (String count : System.getProperty("bench.replicas", "1,2,3").split(",")) {
			int n = Integer.parseInt(count.trim());
			Run run = backfill(n, chunks, 1_000_000, 100);
			one = (n == 1) ? run.wall : one;
			write(String.format(Locale.ROOT, "| %d | %.1f | %.2f | %.1f | %.1f | %.1f | %s | %s |%n", n, run.wall,
					one / run.wall, chunks / run.wall, run.upstreamRate, run.transactionsPerChunk, run.busy,
					run.firstChunk));
		}
		write("\n");
	}

	private void budget(int chunks) throws Exception {
		// a budget below what the replicas could do together (-Dbench.budget-rpm on a
		// slower machine)
		int rpm = Integer.parseInt(System.getProperty("bench.budget-rpm", "600"));
		Run run = backfill(3, chunks, rpm, 100);
		double budget = rpm / 60.0;
		write(String.format(Locale.ROOT,
				"### Budget as the bottleneck: 3 replicas, %d chunks, budget %d/min (%.1f/s), upstream latency 100 ms%n%n"
						+ "| wall s | upstream req/s (steady state) | share of the budget | most requests in any 10 s |"
						+ " collector busy (per replica) |%n|---:|---:|---:|---:|---|%n"
						+ "| %.1f | %.2f | %.1f %% | %d (budget: %d) | %s |%n%n",
				chunks, rpm, budget, run.wall, run.upstreamRate, 100 * run.upstreamRate / budget, run.maxIn10s,
				(int) (budget * 10), run.busy));
	}

	private Run backfill(int n, int chunks, int rpm, int latencyMillis) throws Exception {
		freshSchema();
		startUpstream(latencyMillis);
		for (int i = 0; i < n; i++) {
			startReplica("r" + (i + 1), rpm, Map.of());
		}
		awaitReady();
		long before = this.arrivals.size();
		long transactions = transactions();
		String taskId = startBackfill(chunks);
		await(java.time.Duration.ofMinutes(30), () -> finished(taskId));
		double perChunk = (transactions() - transactions) / (double) chunks;
		Map<String, Object> task = this.jdbc.queryForMap(
				"SELECT EXTRACT(EPOCH FROM finished_at - created_at) AS wall, created_at FROM collector_backfill_task"
						+ " WHERE task_id = ?",
				taskId);
		double wall = ((Number) task.get("wall")).doubleValue();
		List<String> busy = new ArrayList<>();
		List<String> first = new ArrayList<>();
		for (Map<String, Object> row : this.jdbc.queryForList("SELECT instance_id,"
				+ " SUM(EXTRACT(EPOCH FROM finished_at - started_at)) AS busy,"
				+ " MIN(EXTRACT(EPOCH FROM started_at - ?)) AS first FROM collector_run WHERE trigger_type = 'BACKFILL'"
				+ " GROUP BY instance_id ORDER BY instance_id", task.get("created_at"))) {
			busy.add(String.format(Locale.ROOT, "%s %.0f %%", row.get("instance_id"),
					100 * ((Number) row.get("busy")).doubleValue() / wall));
			first.add(String.format(Locale.ROOT, "%s %.2f s", row.get("instance_id"),
					((Number) row.get("first")).doubleValue()));
		}
		List<Long> during = this.arrivals.subList((int) before, this.arrivals.size());
		Run run = new Run(wall, Arrivals.steadyRate(during), String.join(", ", busy), String.join(", ", first),
				Arrivals.maxIn(during, TimeUnit.SECONDS.toNanos(10)), perChunk);
		System.out.println(n + " replica(s): " + run);
		stopAll();
		return run;
	}

	private void recovery() throws Exception {
		write("### Recovery with the default heartbeats (10 s, dead after 6 missed)\n\n");
		// gone for good: chunks of 30 days (3 s and more each)
		freshSchema();
		startUpstream(100);
		startReplica("r1", 1_000_000, Map.of("collector.backfill.batch-size", "30"));
		startReplica("r2", 1_000_000, Map.of("collector.backfill.batch-size", "30"));
		awaitReady();
		String killedTask = startBackfill(900);
		await(java.time.Duration.ofMinutes(5), () -> running(killedTask, "r2") != null);
		Integer chunk = running(killedTask, "r2");
		this.replicas.get(1).destroyForcibly().waitFor();
		long killed = System.nanoTime();
		await(java.time.Duration.ofMinutes(5), () -> attempts(killedTask, chunk) > 1);
		double revived = (System.nanoTime() - killed) / 1e9;
		write(String.format(Locale.ROOT, "- replica gone for good (`kill -9` in the middle of a chunk, no restart):"
				+ " its chunk was revived by the other replica **%.1f s** after the kill (goal: at most 120 s)%n",
				revived));
		System.out.println("revived after " + revived + " s");
		stopAll();

		// a 10 s pause of the JVM (SIGSTOP/SIGCONT) in the middle of a chunk of 100 days
		freshSchema();
		startUpstream(100);
		startReplica("r1", 1_000_000, Map.of("collector.backfill.batch-size", "100"));
		startReplica("r2", 1_000_000, Map.of("collector.backfill.batch-size", "100"));
		awaitReady();
		String task = startBackfill(600);
		await(java.time.Duration.ofMinutes(5), () -> running(task, "r2") != null);
		Integer frozen = running(task, "r2");
		long pid = this.replicas.get(1).pid();
		signal("STOP", pid);
		Thread.sleep(10_000);
		signal("CONT", pid);
		await(java.time.Duration.ofMinutes(10), () -> finished(task));
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT attempts, executed_by, status FROM collector_backfill_chunk WHERE task_id = ? AND chunk_no = ?",
				task, frozen);
		write(String.format(Locale.ROOT,
				"- replica frozen for 10 s (`kill -STOP`, then `kill -CONT`) in the middle of a chunk: the chunk ended"
						+ " %s on %s after **%s attempt(s)** (1 = no false revival)%n%n",
				row.get("status"), row.get("executed_by"), row.get("attempts")));
		System.out.println("frozen chunk: " + row);
	}

	private record Run(double wall, double upstreamRate, String busy, String firstChunk, int maxIn10s,
			double transactionsPerChunk) {
	}

	/**
	 * Transactions the database committed so far (all sessions of the benchmark's
	 * database).
	 */
	private long transactions() {
		return this.jdbc.queryForObject(
				"SELECT xact_commit + xact_rollback FROM pg_stat_database WHERE datname = current_database()",
				Long.class);
	}

	private void freshSchema() {
		if (this.dataSource == null) {
			this.dataSource = new HikariDataSource();
			// unqualified names resolve into the benchmark's schema (which may not exist
			// yet)
			this.dataSource.setJdbcUrl(this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA);
			this.dataSource.setUsername("postgres");
			this.dataSource.setMaximumPoolSize(2);
			this.jdbc = new JdbcTemplate(this.dataSource);
		}
		this.jdbc.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
		this.jdbc.execute("CREATE SCHEMA " + SCHEMA);
		this.jdbc.execute("CREATE TABLE " + SCHEMA + ".bench_reading (sensor VARCHAR(50) NOT NULL,"
				+ " taken_at TIMESTAMP WITH TIME ZONE NOT NULL, value DOUBLE PRECISION NOT NULL,"
				+ " PRIMARY KEY (sensor, taken_at))");
	}

	private void startUpstream(int latencyMillis) throws IOException {
		if (this.upstream != null) {
			this.upstream.stop(0);
		}
		this.arrivals.clear();
		this.upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
		this.upstream.setExecutor(Executors.newCachedThreadPool());
		this.upstream.createContext("/", (exchange) -> {
			this.arrivals.add(System.nanoTime());
			try (exchange) {
				Thread.sleep(latencyMillis);
				exchange.sendResponseHeaders(200, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.upstream.start();
	}

	private void startReplica(String id, int rpm, Map<String, String> extra) throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		String schemaUrl = this.url + (this.url.contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
		List<String> command = new ArrayList<>(List.of(
				Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), ClusterReplicaApp.class.getName(), "--server.port=" + port,
				"--spring.main.banner-mode=off", "--logging.level.root=warn", "--spring.datasource.url=" + schemaUrl,
				"--spring.datasource.username=postgres", "--collector.name=bench", "--collector.instance-id=" + id,
				"--collector.jdbc.initialize-schema=always", "--collector.schedule.enabled=false",
				"--collector.backfill.batch-size=" + extra.getOrDefault("collector.backfill.batch-size", "1"),
				"--collector.backfill.beginning-date=" + FIRST,
				// keep everything: the chunks start in 2020, before the default horizon
				// of 365 days
				"--collector.retention.days=0", "--collector.rate-limit.requests-per-minute=" + rpm,
				"--collector.retry.max-attempts=1",
				"--bench.upstream=http://127.0.0.1:" + this.upstream.getAddress().getPort() + "/"));
		extra.forEach((key, value) -> {
			if (!key.equals("collector.backfill.batch-size")) {
				command.add("--" + key + "=" + value);
			}
		});
		File log = new File("benchmarks/target/cluster-" + id + ".log");
		log.getParentFile().mkdirs();
		this.replicas.add(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log))
			.start());
		this.ports.add(port);
	}

	private void awaitReady() throws Exception {
		for (int port : this.ports) {
			await(java.time.Duration.ofMinutes(10), () -> get(port, "/actuator/health/readiness").statusCode() == 200);
		}
	}

	private String startBackfill(int chunks) throws Exception {
		String body = "{\"start_date\": \"" + FIRST + "\", \"end_date\": \"" + FIRST.plusDays(chunks - 1)
				+ "\", \"symbols\": [\"s1\"]}";
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.ports.get(0) + "/backfill"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 202) {
			throw new IllegalStateException(
					"POST /backfill answered " + response.statusCode() + ": " + response.body());
		}
		int at = response.body().indexOf("\"task_id\":\"") + 11;
		return response.body().substring(at, response.body().indexOf('"', at));
	}

	private boolean finished(String taskId) {
		return this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM collector_backfill_task WHERE task_id = ?" + " AND final_status IS NOT NULL",
				Integer.class, taskId) > 0;
	}

	private Integer running(String taskId, String instanceId) {
		return this.jdbc
			.queryForList("SELECT chunk_no FROM collector_backfill_chunk WHERE task_id = ? AND status = 'running'"
					+ " AND executed_by = ?", Integer.class, taskId, instanceId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	private int attempts(String taskId, int chunk) {
		return this.jdbc.queryForObject(
				"SELECT attempts FROM collector_backfill_chunk WHERE task_id = ? AND chunk_no = ?", Integer.class,
				taskId, chunk);
	}

	private HttpResponse<Void> get(int port, String path) {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
					HttpResponse.BodyHandlers.discarding());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	private static void signal(String signal, long pid) throws Exception {
		new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
	}

	private static void await(java.time.Duration timeout, BooleanSupplier condition) throws InterruptedException {
		long end = System.nanoTime() + timeout.toNanos();
		while (true) {
			try {
				if (condition.getAsBoolean()) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not there yet (a replica starting, a table not created yet)
			}
			if (System.nanoTime() > end) {
				throw new IllegalStateException("timed out after " + timeout);
			}
			Thread.sleep(100);
		}
	}

	private void write(String text) throws IOException {
		System.out.print(text);
		Files.writeString(this.out, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
	}

	private void stopAll() {
		for (Process replica : this.replicas) {
			replica.destroy();
		}
		for (Process replica : this.replicas) {
			try {
				if (!replica.waitFor(60, TimeUnit.SECONDS)) {
					replica.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.replicas.clear();
		this.ports.clear();
	}

}
