package dev.collector.security.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A webhook that counts the alerts it receives, so that the corpus can tell that no
 * refused {@code POST /alert} sent one.
 */
final class AlertReceiver {

	private final HttpServer server;

	private final AtomicInteger received = new AtomicInteger();

	private AlertReceiver(HttpServer server) {
		this.server = server;
	}

	static AlertReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			AlertReceiver receiver = new AlertReceiver(server);
			server.createContext("/alerts", (exchange) -> {
				try (InputStream in = exchange.getRequestBody()) {
					in.readAllBytes();
				}
				receiver.received.incrementAndGet();
				exchange.sendResponseHeaders(204, -1);
				exchange.close();
			});
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/alerts";
	}

	int received() {
		return this.received.get();
	}

}
