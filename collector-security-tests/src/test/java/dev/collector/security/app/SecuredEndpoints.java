package dev.collector.security.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Real HTTP calls to a running test application.
 */
final class SecuredEndpoints {

	static final String TOKEN = "Secur1tyT0ken";

	private final HttpClient client = HttpClient.newHttpClient();

	private final int port;

	SecuredEndpoints(int port) {
		this.port = port;
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(request(path).GET().build());
	}

	HttpResponse<String> post(String path, String authorization) throws Exception {
		return post(path, authorization, "");
	}

	HttpResponse<String> post(String path, String authorization, String body) throws Exception {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request.build());
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path));
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.client.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
