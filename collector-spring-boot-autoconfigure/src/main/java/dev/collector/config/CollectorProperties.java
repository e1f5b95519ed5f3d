package dev.collector.config;

import java.time.Duration;
import java.util.function.Consumer;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of the collector starter, under {@code collector.*}.
 * <p>
 * Validated at start-up: an impossible value stops the application with a message that
 * names the property.
 */
@ConfigurationProperties("collector")
public class CollectorProperties implements Validator {

	/**
	 * Name of the collector when the application declares a single one: the "collector"
	 * label on its metrics, the service in /health and the key of its checkpoints.
	 * Defaults to spring.application.name, else "collector". With several collectors each
	 * is named by its bean name, or its Collector.name() when it overrides it.
	 */
	private String name;

	/**
	 * With several collectors, the one that answers the paths without a collector name
	 * (/backfill, /coverage, /circuit-breaker-status...) exactly as a single collector
	 * would; /collect, /status, /health and /data-quality then answer for it and list
	 * every collector besides. Defaults to the collector whose bean is @Primary; without
	 * one, those paths need /collectors/{name}/... or ?collector=.
	 */
	private String defaultCollector;

	/**
	 * Most collection runs (scheduled and manual) in flight at once in this JVM, over all
	 * collectors (runs of one collector never overlap anyway); a due run waits for a free
	 * one. Backfill chunks are bounded by backfill.threads instead. Defaults to the
	 * number of collectors, at most 4.
	 */
	private Integer maxConcurrentRuns;

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

	@NestedConfigurationProperty
	private final ScheduleProperties schedule = new ScheduleProperties();

	@NestedConfigurationProperty
	private final SinkProperties sink = new SinkProperties();

	@NestedConfigurationProperty
	private final ValidationProperties validation = new ValidationProperties();

	@NestedConfigurationProperty
	private final JdbcSchemaProperties jdbc = new JdbcSchemaProperties();

	@NestedConfigurationProperty
	private final CollectorMetricsProperties metrics = new CollectorMetricsProperties();

	@NestedConfigurationProperty
	private final HealthProperties health = new HealthProperties();

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

	/**
	 * Run once and exit instead of serving: collect, backfill, check or checkpoints. Exit
	 * code 0 succeeded, 1 failed, 2 partial, 3 refused; a one-line JSON summary on
	 * stdout; no web server unless spring.main.web-application-type says otherwise.
	 */
	private RunMode run;

	@NestedConfigurationProperty
	private final RunOnceProperties runOnce = new RunOnceProperties();

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getDefaultCollector() {
		return this.defaultCollector;
	}

	public void setDefaultCollector(String defaultCollector) {
		this.defaultCollector = defaultCollector;
	}

	public Integer getMaxConcurrentRuns() {
		return this.maxConcurrentRuns;
	}

	public void setMaxConcurrentRuns(Integer maxConcurrentRuns) {
		this.maxConcurrentRuns = maxConcurrentRuns;
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

	public ScheduleProperties getSchedule() {
		return this.schedule;
	}

	public SinkProperties getSink() {
		return this.sink;
	}

	public ValidationProperties getValidation() {
		return this.validation;
	}

	public JdbcSchemaProperties getJdbc() {
		return this.jdbc;
	}

	public CollectorMetricsProperties getMetrics() {
		return this.metrics;
	}

	public HealthProperties getHealth() {
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

	public RunMode getRun() {
		return this.run;
	}

	public void setRun(RunMode run) {
		this.run = run;
	}

	public RunOnceProperties getRunOnce() {
		return this.runOnce;
	}

	@Override
	public boolean supports(Class<?> type) {
		return CollectorProperties.class.isAssignableFrom(type);
	}

	/**
	 * Validates the whole tree in one style: each section checks its own fields, named
	 * relative to the section, under the section's nested path.
	 */
	@Override
	public void validate(Object target, Errors errors) {
		CollectorProperties properties = (CollectorProperties) target;
		nested(errors, "schedule", properties.schedule::validate);
		DurationChecks.requireNotNegative(errors, "shutdownTimeout", properties.shutdownTimeout);
		if (properties.maxConcurrentRuns != null && properties.maxConcurrentRuns < 1) {
			errors.rejectValue("maxConcurrentRuns", "min", "must be at least 1");
		}
		nested(errors, "sink", properties.sink::validate);
		nested(errors, "sourceCheck", properties.sourceCheck::validate);
		nested(errors, "metrics", properties.metrics::validate);
		nested(errors, "health", properties.health::validate);
		nested(errors, "rateLimit", properties.rateLimit::validate);
		nested(errors, "circuitBreaker", properties.circuitBreaker::validate);
		nested(errors, "retry", properties.retry::validate);
		nested(errors, "cache", properties.cache::validate);
		nested(errors, "http", properties.http::validate);
		nested(errors, "config", properties.config::validate);
		nested(errors, "backfill", properties.backfill::validate);
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

}
