package dev.collector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import org.slf4j.event.Level;

/**
 * Logging of the collector ({@code collector.logging.*}): the request log and the
 * optional direct shipping to Loki.
 */
public class CollectorLoggingProperties {

	private final Requests requests = new Requests();

	private final Loki loki = new Loki();

	public Requests getRequests() {
		return this.requests;
	}

	public Loki getLoki() {
		return this.loki;
	}

	/**
	 * One log line per request to the collector's endpoints.
	 */
	public static class Requests {

		/**
		 * Whether to log one line per request to the collector's endpoints (method, path,
		 * status, duration, caller; never headers or bodies).
		 */
		private boolean enabled = true;

		/**
		 * Level of the request log lines.
		 */
		private Level level = Level.INFO;

		/**
		 * Path patterns whose requests are logged.
		 */
		private List<String> include = new ArrayList<>(List.of("/collect", "/backfill", "/backfill/**", "/status",
				"/data-quality", "/performance", "/circuit-breaker-status", "/logs", "/alert", "/validate-data",
				"/health", "/ready", "/metrics", "/actuator/**"));

		/**
		 * Path patterns never logged: probes and scrapes, which come every few seconds,
		 * and /logs, whose reads would otherwise push the entries they look for out of
		 * the buffer.
		 */
		private List<String> exclude = new ArrayList<>(List.of("/health", "/ready", "/metrics", "/logs",
				"/actuator/health", "/actuator/health/**", "/actuator/prometheus"));

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Level getLevel() {
			return this.level;
		}

		public void setLevel(Level level) {
			this.level = level;
		}

		public List<String> getInclude() {
			return this.include;
		}

		public void setInclude(List<String> include) {
			this.include = include;
		}

		public List<String> getExclude() {
			return this.exclude;
		}

		public void setExclude(List<String> exclude) {
			this.exclude = exclude;
		}

	}

	/**
	 * Direct shipping of the logs to Loki; needs com.github.loki4j:loki-logback-appender
	 * on the class path.
	 */
	public static class Loki {

		/**
		 * Push URL of Loki, e.g. http://loki:3100/loki/api/v1/push; shipping is off while
		 * it is empty.
		 */
		private String url;

		/**
		 * Maximum number of log lines sent in one push.
		 */
		private int batchMaxItems = 1000;

		/**
		 * Longest time a log line waits before its batch is pushed.
		 */
		private Duration batchTimeout = Duration.ofSeconds(5);

		/**
		 * Time to wait for Loki to answer one push.
		 */
		private Duration requestTimeout = Duration.ofSeconds(5);

		/**
		 * Maximum number of bytes of log lines kept while Loki is slow or down; beyond it
		 * lines are dropped, never blocking the application.
		 */
		private long sendQueueMaxBytes = 40L * 1024 * 1024;

		/**
		 * Stream labels added to every line besides service, collector, instance and
		 * level.
		 */
		private Map<String, String> labels = new LinkedHashMap<>();

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
		}

		public int getBatchMaxItems() {
			return this.batchMaxItems;
		}

		public void setBatchMaxItems(int batchMaxItems) {
			this.batchMaxItems = batchMaxItems;
		}

		public Duration getBatchTimeout() {
			return this.batchTimeout;
		}

		public void setBatchTimeout(Duration batchTimeout) {
			this.batchTimeout = batchTimeout;
		}

		public Duration getRequestTimeout() {
			return this.requestTimeout;
		}

		public void setRequestTimeout(Duration requestTimeout) {
			this.requestTimeout = requestTimeout;
		}

		public long getSendQueueMaxBytes() {
			return this.sendQueueMaxBytes;
		}

		public void setSendQueueMaxBytes(long sendQueueMaxBytes) {
			this.sendQueueMaxBytes = sendQueueMaxBytes;
		}

		public Map<String, String> getLabels() {
			return this.labels;
		}

		public void setLabels(Map<String, String> labels) {
			this.labels = labels;
		}

	}

}
