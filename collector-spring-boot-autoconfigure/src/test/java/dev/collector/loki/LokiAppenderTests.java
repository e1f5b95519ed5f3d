package dev.collector.loki;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.LoggerContext;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.collector.config.CollectorLoggingProperties.Loki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The Loki appender against a fake Loki push endpoint on localhost: lines arrive with the
 * stream labels; a Loki that hangs or is down never blocks the code that logs.
 */
class LokiAppenderTests {

	private static final Logger logger = LoggerFactory.getLogger(LokiAppenderTests.class);

	private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

	private final List<String> pushes = new CopyOnWriteArrayList<>();

	private final CountDownLatch hang = new CountDownLatch(1);

	private HttpServer loki;

	private LokiAppenderInstaller installer;

	@AfterEach
	void tearDown() {
		if (this.installer != null) {
			this.installer.stop();
		}
		this.hang.countDown();
		if (this.loki != null) {
			this.loki.stop(0);
		}
	}

	@Test
	void linesArriveInBatchesWithTheStreamLabels() throws Exception {
		startLoki(false);
		this.installer = new LokiAppenderInstaller(this.context, properties(url()), "news-service", "news", "pod-1");
		this.installer.start();
		logger.info("collection_started for the test");
		for (int i = 0; i < 200 && this.pushes.stream().noneMatch((p) -> p.contains("collection_started")); i++) {
			Thread.sleep(25);
		}
		String push = String.join("\n", this.pushes);
		assertThat(push).contains("collection_started for the test")
			.contains("\"service\":\"news-service\"")
			.contains("\"collector\":\"news\"")
			.contains("\"instance\":\"pod-1\"")
			.contains("\"level\":\"INFO\"");
	}

	@Test
	void aHangingLokiNeverBlocksLogging() throws Exception {
		startLoki(true);
		this.installer = new LokiAppenderInstaller(this.context, properties(url()), "svc", "news", "pod-1");
		this.installer.start();
		// far more than one batch and a small queue: the appender must drop, not wait
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int i = 0; i < 2_000; i++) {
				logger.info("line {} while Loki hangs", i);
			}
		});
		assertTimeoutPreemptively(Duration.ofSeconds(20), this.installer::stop);
	}

	@Test
	void aLokiThatIsDownNeverBlocksLogging() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		this.installer = new LokiAppenderInstaller(this.context,
				properties("http://127.0.0.1:" + closedPort + "/loki/api/v1/push"), "svc", "news", "pod-1");
		this.installer.start();
		assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
			for (int i = 0; i < 2_000; i++) {
				logger.info("line {} while Loki is down", i);
			}
		});
	}

	@Test
	void installedWhenTheUrlIsSetAndRemovedAtClose() throws Exception {
		startLoki(false);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CollectorLokiAutoConfiguration.class))
			.withPropertyValues("collector.logging.loki.url=" + url(), "collector.name=news")
			.run((context) -> {
				assertThat(context).hasSingleBean(LokiAppenderInstaller.class);
				assertThat(this.context.getLogger(Logger.ROOT_LOGGER_NAME)
					.getAppender(LokiAppenderInstaller.APPENDER_NAME)).isNotNull();
			});
		assertThat(this.context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(LokiAppenderInstaller.APPENDER_NAME))
			.isNull();
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(CollectorLokiAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(LokiAppenderInstaller.class));
	}

	private static Loki properties(String url) {
		Loki loki = new Loki();
		loki.setUrl(url);
		loki.setBatchMaxItems(100);
		loki.setBatchTimeout(Duration.ofMillis(100));
		loki.setRequestTimeout(Duration.ofSeconds(1));
		loki.setSendQueueMaxBytes(64 * 1024);
		return loki;
	}

	private void startLoki(boolean hanging) throws IOException {
		this.loki = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.loki.createContext("/loki/api/v1/push", (exchange) -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			if (hanging) {
				try {
					this.hang.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			this.pushes.add(body);
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		this.loki.start();
	}

	private String url() {
		return "http://127.0.0.1:" + this.loki.getAddress().getPort() + "/loki/api/v1/push";
	}

}
