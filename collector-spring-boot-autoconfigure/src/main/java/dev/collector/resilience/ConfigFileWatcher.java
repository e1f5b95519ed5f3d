package dev.collector.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.collector.config.CollectorProperties;

/**
 * Refreshes the configuration when a watched file changes
 * ({@code collector.config.watch=true}): the file locations of spring.config.location and
 * spring.config.additional-location, the .env file and the config tree of secrets. It
 * compares the files' sizes and modification times every watch-interval; that also sees
 * the symlink swap Kubernetes does when a ConfigMap or Secret changes, which file system
 * events on the mounted directory do not reliably report.
 */
public class ConfigFileWatcher implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ConfigFileWatcher.class);

	private final List<Path> paths;

	private final Duration interval;

	private final ContextRefresher refresher;

	private ScheduledExecutorService executor;

	private volatile Object fingerprint;

	public ConfigFileWatcher(List<Path> paths, Duration interval, ContextRefresher refresher) {
		this.paths = List.copyOf(paths);
		this.interval = interval;
		this.refresher = refresher;
	}

	/**
	 * The watcher of the application's configuration files, as {@code collector.config.*}
	 * configures it.
	 * @param environment the application's environment
	 * @param properties the collector properties
	 * @param refresher refreshes the application when a file changed
	 * @return the watcher
	 */
	public static ConfigFileWatcher of(Environment environment, CollectorProperties properties,
			ContextRefresher refresher) {
		return new ConfigFileWatcher(watchedPaths(environment), properties.getConfig().getWatchInterval(), refresher);
	}

	/**
	 * The files and directories the environment's configuration comes from.
	 * @param environment the environment
	 * @return local paths to watch
	 */
	public static List<Path> watchedPaths(Environment environment) {
		List<Path> paths = new ArrayList<>();
		for (String property : List.of("spring.config.location", "spring.config.additional-location")) {
			for (String location : StringUtils.commaDelimitedListToStringArray(environment.getProperty(property))) {
				addLocation(paths, location);
			}
		}
		addLocation(paths, environment.getProperty("collector.config.env-file", ".env"));
		addLocation(paths, environment.getProperty("collector.config.secrets-dir", "/etc/collector/secrets/"));
		return paths;
	}

	private static void addLocation(List<Path> paths, String location) {
		String path = location.trim();
		path = path.startsWith("optional:") ? path.substring("optional:".length()) : path;
		if (path.startsWith("classpath:") || path.isEmpty()) {
			return;
		}
		path = path.startsWith("file:") ? path.substring("file:".length()) : path;
		path = path.startsWith("configtree:") ? path.substring("configtree:".length()) : path;
		int hint = path.indexOf('[');
		path = (hint >= 0) ? path.substring(0, hint) : path;
		paths.add(Paths.get(path).toAbsolutePath().normalize());
	}

	@Override
	public void start() {
		this.fingerprint = fingerprint();
		this.executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "collector-config-watcher");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
		logger.info("Watching {} for configuration changes", this.paths);
	}

	void check() {
		try {
			Object current = fingerprint();
			if (!Objects.equals(current, this.fingerprint)) {
				this.fingerprint = current;
				Set<String> changed = this.refresher.refresh();
				logger.info("Configuration files changed; refreshed properties {}", changed);
			}
		}
		catch (RuntimeException ex) {
			logger.error("Refreshing the configuration after a file change failed", ex);
		}
	}

	/** Path, size and modification time of every watched file, in a stable order. */
	private Object fingerprint() {
		TreeMap<String, String> files = new TreeMap<>();
		for (Path path : this.paths) {
			if (Files.isDirectory(path)) {
				try (Stream<Path> children = Files.walk(path, 3)) {
					children.filter(Files::isRegularFile).forEach((file) -> files.put(file.toString(), stamp(file)));
				}
				catch (IOException ex) {
					files.put(path.toString(), "unreadable");
				}
			}
			else if (Files.isRegularFile(path)) {
				files.put(path.toString(), stamp(path));
			}
		}
		return files;
	}

	private static String stamp(Path file) {
		try {
			return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis() + "#"
					+ java.util.Arrays.hashCode(Files.readAllBytes(file));
		}
		catch (IOException ex) {
			return "unreadable";
		}
	}

	@Override
	public void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
