package dev.collector.loki;

import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.github.loki4j.logback.JsonLayout;
import com.github.loki4j.logback.Loki4jAppender;
import com.github.loki4j.logback.PipelineConfigAppenderBase.BatchCfg;
import com.github.loki4j.logback.PipelineConfigAppenderBase.HttpCfg;

import dev.collector.config.CollectorLoggingProperties.Loki;

/**
 * Ships every log line straight to Loki with loki4j, besides the console: JSON lines,
 * streams labelled {@code service}, {@code collector}, {@code instance} and {@code level}
 * (plus {@code collector.logging.loki.labels}). The appender batches and sends on its own
 * threads; when Loki is slow or down, lines wait in a bounded queue and beyond it are
 * dropped, so logging never blocks a collection.
 * <p>
 * Installed on the root logger when the application starts and removed when it stops; the
 * lines logged before (start-up) go to the console only.
 */
public class LokiAppenderInstaller {

	/** Name of the appender on the root logger. */
	public static final String APPENDER_NAME = "COLLECTOR_LOKI";

	private final LoggerContext context;

	private final Loki properties;

	private final Map<String, String> labels;

	private Loki4jAppender appender;

	public LokiAppenderInstaller(LoggerContext context, Loki properties, String service, String collector,
			String instance) {
		this.context = context;
		this.properties = properties;
		this.labels = new LinkedHashMap<>();
		this.labels.put("service", service);
		this.labels.put("collector", collector);
		this.labels.put("instance", instance);
		this.labels.put("level", "%level");
		this.labels.putAll(properties.getLabels());
	}

	public synchronized void start() {
		Loki4jAppender loki = new Loki4jAppender();
		loki.setContext(this.context);
		loki.setName(APPENDER_NAME);
		HttpCfg http = new HttpCfg();
		http.setUrl(this.properties.getUrl());
		http.setRequestTimeoutMs(this.properties.getRequestTimeout().toMillis());
		http.setConnectionTimeoutMs(this.properties.getRequestTimeout().toMillis());
		loki.setHttp(http);
		BatchCfg batch = new BatchCfg();
		batch.setMaxItems(this.properties.getBatchMaxItems());
		batch.setTimeoutMs(this.properties.getBatchTimeout().toMillis());
		batch.setSendQueueMaxBytes(this.properties.getSendQueueMaxBytes());
		// a stopping service must not wait for an unreachable Loki
		batch.setDrainOnStop(false);
		loki.setBatch(batch);
		loki.setLabels(labelsPattern());
		JsonLayout layout = new JsonLayout();
		layout.setContext(this.context);
		loki.setMessage(layout);
		loki.start();
		root().addAppender(loki);
		this.appender = loki;
	}

	public synchronized void stop() {
		if (this.appender != null) {
			root().detachAppender(this.appender);
			this.appender.stop();
			this.appender = null;
		}
	}

	/**
	 * @return whether the appender is attached
	 */
	public synchronized boolean isRunning() {
		return this.appender != null && this.appender.isStarted();
	}

	private String labelsPattern() {
		StringBuilder pattern = new StringBuilder();
		this.labels.forEach((key, value) -> pattern.append(key).append('=').append(value).append('\n'));
		return pattern.toString();
	}

	private Logger root() {
		return this.context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
	}

}
