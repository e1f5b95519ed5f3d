package dev.collector.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.collector.sink.SinkType;

/**
 * Configuration of the collector starter, under {@code collector.*}.
 * <p>
 * Validated at start-up: an impossible value stops the application with a message that
 * names the property.
 */
@ConfigurationProperties("collector")
public class CollectorProperties implements Validator {

	/**
	 * Name of the collector: the "collector" label on its metrics, the service in /health
	 * and the key of its checkpoints. Defaults to spring.application.name, else
	 * "collector".
	 */
	private String name;

	/**
	 * Id of this instance in logs and run history. Defaults to the HOSTNAME environment
	 * variable (the pod name on Kubernetes), else a random id.
	 */
	private String instanceId;

	/**
	 * Time a collection in progress gets to finish when the application stops; after it
	 * the run is abandoned and its checkpoint stays where it was.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private final Schedule schedule = new Schedule();

	private final Sink sink = new Sink();

	private final Validation validation = new Validation();

	private final Jdbc jdbc = new Jdbc();

	private final Metrics metrics = new Metrics();

	private final Health health = new Health();

	@NestedConfigurationProperty
	private final SecurityProperties security = new SecurityProperties();

	@NestedConfigurationProperty
	private final AlertingProperties alerting = new AlertingProperties();

	@NestedConfigurationProperty
	private final LogsProperties logs = new LogsProperties();

	@NestedConfigurationProperty
	private final DataQualityProperties dataQuality = new DataQualityProperties();

	@NestedConfigurationProperty
	private final SourceCheckProperties sourceCheck = new SourceCheckProperties();

	@NestedConfigurationProperty
	private final CollectorLoggingProperties logging = new CollectorLoggingProperties();

	@NestedConfigurationProperty
	private final BackfillProperties backfill = new BackfillProperties();

	/**
	 * Performance preset: fast (20 requests per second), balanced (10) or conservative
	 * (5), with matching retry delays, breaker threshold and batch sizes. A property set
	 * explicitly wins over the preset. Read at start-up only.
	 */
	private PerformanceProfile profile;

	@NestedConfigurationProperty
	private final RateLimitProperties rateLimit = new RateLimitProperties();

	@NestedConfigurationProperty
	private final CircuitBreakerProperties circuitBreaker = new CircuitBreakerProperties();

	@NestedConfigurationProperty
	private final RetryProperties retry = new RetryProperties();

	@NestedConfigurationProperty
	private final CacheProperties cache = new CacheProperties();

	@NestedConfigurationProperty
	private final HttpClientProperties http = new HttpClientProperties();

	@NestedConfigurationProperty
	private final ConfigWatchProperties config = new ConfigWatchProperties();

	@NestedConfigurationProperty
	private final RetentionProperties retention = new RetentionProperties();

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(String instanceId) {
		this.instanceId = instanceId;
	}

	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	public Schedule getSchedule() {
		return this.schedule;
	}

	public Sink getSink() {
		return this.sink;
	}

	public Validation getValidation() {
		return this.validation;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Metrics getMetrics() {
		return this.metrics;
	}

	public Health getHealth() {
		return this.health;
	}

	public SecurityProperties getSecurity() {
		return this.security;
	}

	public AlertingProperties getAlerting() {
		return this.alerting;
	}

	public LogsProperties getLogs() {
		return this.logs;
	}

	public DataQualityProperties getDataQuality() {
		return this.dataQuality;
	}

	public SourceCheckProperties getSourceCheck() {
		return this.sourceCheck;
	}

	public CollectorLoggingProperties getLogging() {
		return this.logging;
	}

	public BackfillProperties getBackfill() {
		return this.backfill;
	}

	public PerformanceProfile getProfile() {
		return this.profile;
	}

	public void setProfile(PerformanceProfile profile) {
		this.profile = profile;
	}

	public RateLimitProperties getRateLimit() {
		return this.rateLimit;
	}

	public CircuitBreakerProperties getCircuitBreaker() {
		return this.circuitBreaker;
	}

	public RetryProperties getRetry() {
		return this.retry;
	}

	public CacheProperties getCache() {
		return this.cache;
	}

	public HttpClientProperties getHttp() {
		return this.http;
	}

	public ConfigWatchProperties getConfig() {
		return this.config;
	}

	public RetentionProperties getRetention() {
		return this.retention;
	}

	@Override
	public boolean supports(Class<?> type) {
		return CollectorProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		CollectorProperties properties = (CollectorProperties) target;
		requirePositive(errors, "schedule.interval", properties.schedule.interval);
		requireNotNegative(errors, "schedule.initial-delay", properties.schedule.initialDelay);
		requireNotNegative(errors, "shutdown-timeout", properties.shutdownTimeout);
		if (properties.sink.batchSize < 1) {
			errors.rejectValue("sink.batchSize", "range", "must be at least 1");
		}
		if (properties.sink.types == null || properties.sink.types.isEmpty()) {
			errors.rejectValue("sink.types", "required", "must name at least one sink: jdbc, jsonl or csv");
		}
		properties.sourceCheck.validate(errors);
		if (properties.metrics.maxLabelSets < 1) {
			errors.rejectValue("metrics.maxLabelSets", "range", "must be at least 1");
		}
		if (properties.health.failureThreshold < 1) {
			errors.rejectValue("health.failureThreshold", "range", "must be at least 1");
		}
		if (properties.health.staleAfter != null) {
			requirePositive(errors, "health.stale-after", properties.health.staleAfter);
		}
		properties.rateLimit.validate(errors);
		properties.circuitBreaker.validate(errors);
		properties.retry.validate(errors);
		properties.cache.validate(errors);
		properties.http.validate(errors);
		properties.config.validate(errors);
		if (properties.metrics.prefix == null || !properties.metrics.prefix.matches("[a-zA-Z_][a-zA-Z0-9_.]*")) {
			errors.rejectValue("metrics.prefix", "pattern",
					"must start with a letter or '_' and hold only letters, digits, '_' and '.'");
		}
		properties.backfill.validate(errors);
		nested(errors, "security", properties.security::validate);
		nested(errors, "alerting", properties.alerting::validate);
		nested(errors, "logs", properties.logs::validate);
		nested(errors, "dataQuality", properties.dataQuality::validate);
		nested(errors, "retention", properties.retention::validate);
	}

	private static void nested(Errors errors, String path, Consumer<Errors> validation) {
		errors.pushNestedPath(path);
		try {
			validation.accept(errors);
		}
		finally {
			errors.popNestedPath();
		}
	}

	private static void requirePositive(Errors errors, String path, Duration value) {
		if (value == null || value.isZero() || value.isNegative()) {
			errors.rejectValue(camel(path), "range", "must be a positive duration such as 15m or 30s");
		}
	}

	private static void requireNotNegative(Errors errors, String path, Duration value) {
		if (value == null || value.isNegative()) {
			errors.rejectValue(camel(path), "range", "must not be negative");
		}
	}

	private static String camel(String path) {
		StringBuilder result = new StringBuilder();
		boolean upper = false;
		for (char c : path.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				result.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return result.toString();
	}

	/**
	 * Scheduled collection.
	 */
	public static class Schedule {

		/**
		 * Whether to collect on a schedule. On-demand collection (POST /collect) works
		 * either way.
		 */
		private boolean enabled = true;

		/**
		 * Time between the end of one scheduled collection and the start of the next.
		 */
		private Duration interval = Duration.ofMinutes(15);

		/**
		 * Time after start-up before the first scheduled collection.
		 */
		private Duration initialDelay = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

	}

	/**
	 * Writing valid records.
	 */
	public static class Sink {

		/**
		 * Number of records written, and committed, together.
		 */
		private int batchSize = 1000;

		/**
		 * Sinks every batch is written to, in order: jdbc (the record table, or the
		 * application's own RecordSink), jsonl, csv. With several, a batch counts as
		 * committed, and the checkpoint moves, only when all of them committed it.
		 */
		private List<SinkType> types = new ArrayList<>(List.of(SinkType.JDBC));

		@NestedConfigurationProperty
		private final FileSinkProperties file = new FileSinkProperties();

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

		public List<SinkType> getTypes() {
			return this.types;
		}

		public void setTypes(List<SinkType> types) {
			this.types = types;
		}

		public FileSinkProperties getFile() {
			return this.file;
		}

	}

	/**
	 * Validation of fetched records.
	 */
	public static class Validation {

		/**
		 * Whether to validate records with Jakarta Bean Validation before writing them.
		 * Invalid records go to the quarantine table instead of the record table.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The framework's own tables (run history, checkpoints, quarantine).
	 */
	public static class Jdbc {

		/**
		 * Database schema initialization mode for the framework's tables: "embedded"
		 * creates them in embedded databases only, "always" everywhere (the scripts use
		 * CREATE TABLE IF NOT EXISTS), "never" leaves it to your migrations.
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

		/**
		 * Location of the SQL script that creates the framework's tables.
		 */
		private String schema = "classpath:dev/collector/jdbc/schema-@@platform@@.sql";

		/**
		 * Platform used in the schema location and for the upsert dialect (h2,
		 * postgresql, mariadb, mysql). Detected from the DataSource when not set.
		 */
		private String platform;

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		public String getSchema() {
			return this.schema;
		}

		public void setSchema(String schema) {
			this.schema = schema;
		}

		public String getPlatform() {
			return this.platform;
		}

		public void setPlatform(String platform) {
			this.platform = platform;
		}

	}

	/**
	 * Metrics.
	 */
	public static class Metrics {

		/**
		 * Prefix of the collector's meter names: "collector" exports
		 * collector_collection_requests_total and so on.
		 */
		private String prefix = "collector";

		/**
		 * Maximum number of label sets of each metric declared through the
		 * CollectorMetrics facade; further label sets are dropped and counted.
		 */
		private int maxLabelSets = 100;

		public String getPrefix() {
			return this.prefix;
		}

		public void setPrefix(String prefix) {
			this.prefix = prefix;
		}

		public int getMaxLabelSets() {
			return this.maxLabelSets;
		}

		public void setMaxLabelSets(int maxLabelSets) {
			this.maxLabelSets = maxLabelSets;
		}

	}

	/**
	 * Health of the collector (the "collector" health component and GET /health).
	 */
	public static class Health {

		/**
		 * Number of consecutive failed collections after which the collector is reported
		 * DOWN.
		 */
		private int failureThreshold = 3;

		/**
		 * Age of the last successful collection after which the collector is reported
		 * DOWN. Defaults to three schedule intervals while the schedule is enabled; with
		 * the schedule disabled and no value, staleness is not checked.
		 */
		private Duration staleAfter;

		public int getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(int failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public Duration getStaleAfter() {
			return this.staleAfter;
		}

		public void setStaleAfter(Duration staleAfter) {
			this.staleAfter = staleAfter;
		}

	}

}
