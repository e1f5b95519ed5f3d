package dev.collector.test.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.collector.test.support.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FakeUpstreamTests {

	private final FakeUpstream upstream = FakeUpstream.start();

	private final HttpClient http = HttpClient.newHttpClient();

	@AfterEach
	void stop() {
		this.upstream.close();
	}

	@Test
	void answersJsonAndRss() throws Exception {
		this.upstream.on("/json").respond(UpstreamResponse.json("{\"a\":1}"));
		this.upstream.on("/rss").respond(UpstreamResponse.rss("<rss/>"));
		HttpResponse<String> json = get("/json");
		assertThat(json.statusCode()).isEqualTo(200);
		assertThat(json.body()).isEqualTo("{\"a\":1}");
		assertThat(json.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(get("/rss").headers().firstValue("Content-Type")).hasValue("application/rss+xml; charset=UTF-8");
	}

	@Test
	void failsNTimesWithRetryAfterThenSucceeds() throws Exception {
		this.upstream.on("/flaky")
			.failTimes(2, UpstreamResponse.status(429).withRetryAfter(Duration.ofSeconds(7)))
			.thenRespond(UpstreamResponse.json("[]"));
		HttpResponse<String> first = get("/flaky");
		assertThat(first.statusCode()).isEqualTo(429);
		assertThat(first.headers().firstValue("Retry-After")).hasValue("7");
		assertThat(get("/flaky").statusCode()).isEqualTo(429);
		assertThat(get("/flaky").statusCode()).isEqualTo(200);
		assertThat(get("/flaky").statusCode()).isEqualTo(200);
	}

	@Test
	void anUnscriptedPathIsNotFound() throws Exception {
		assertThat(get("/nothing").statusCode()).isEqualTo(404);
		this.upstream.on("/only-failures").failTimes(1, UpstreamResponse.status(500));
		assertThat(get("/only-failures").statusCode()).isEqualTo(500);
		assertThat(get("/only-failures").statusCode()).as("nothing scripted after the failure").isEqualTo(404);
	}

	@Test
	void delaysAnAnswer() throws Exception {
		this.upstream.on("/slow").respond(UpstreamResponse.json("{}").withDelay(Duration.ofMillis(300)));
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.upstream.url("/slow")))
			.timeout(Duration.ofMillis(100))
			.build();
		org.assertj.core.api.Assertions.assertThatExceptionOfType(java.net.http.HttpTimeoutException.class)
			.isThrownBy(() -> this.http.send(request, HttpResponse.BodyHandlers.ofString()));
	}

	@Test
	void recordsEveryRequest() throws Exception {
		this.upstream.on("/in").respond(UpstreamResponse.status(204));
		get("/in?since=2026-01-01");
		this.http.send(HttpRequest.newBuilder(URI.create(this.upstream.url("/in")))
			.header("X-Api-Key", "k")
			.POST(HttpRequest.BodyPublishers.ofString("payload"))
			.build(), HttpResponse.BodyHandlers.discarding());
		get("/other");
		assertThat(this.upstream.requests()).extracting(RecordedRequest::path).containsExactly("/in", "/in", "/other");
		assertThat(this.upstream.requests("/in")).satisfiesExactly((first) -> {
			assertThat(first.method()).isEqualTo("GET");
			assertThat(first.query()).isEqualTo("since=2026-01-01");
		}, (second) -> {
			assertThat(second.method()).isEqualTo("POST");
			assertThat(second.header("x-api-key")).isEqualTo("k");
			assertThat(second.header("X-Missing")).isNull();
			assertThat(second.bodyText()).isEqualTo("payload");
		});
		this.upstream.clearRequests();
		assertThat(this.upstream.requests()).isEmpty();
	}

	@Test
	void servesClassPathResources() throws Exception {
		this.upstream.on("/recorded").respond(UpstreamResponse.classpath("recorded.json", "application/json"));
		assertThat(get("/recorded").body()).contains("\"recorded\":true");
		assertThatIllegalArgumentException().isThrownBy(() -> UpstreamResponse.classpath("missing.txt", "text/plain"))
			.withMessageContaining("missing.txt");
	}

	@Test
	void routesByPathAndQueryParametersTheMostSpecificFirst() throws Exception {
		this.upstream.on("/rates").respond(UpstreamResponse.json("any"));
		this.upstream.on("/rates?symbol=EUR").respond(UpstreamResponse.json("eur"));
		this.upstream.on("/rates?page=2&symbol=EUR").respond(UpstreamResponse.json("eur page 2"));
		assertThat(get("/rates?symbol=EUR&page=2").body()).isEqualTo("eur page 2");
		assertThat(get("/rates?page=2&symbol=EUR&size=10").body()).as("in any order, others ignored")
			.isEqualTo("eur page 2");
		assertThat(get("/rates?symbol=EUR&page=1").body()).isEqualTo("eur");
		assertThat(get("/rates?symbol=USD&page=2").body()).isEqualTo("any");
		assertThat(get("/rates").body()).isEqualTo("any");
		assertThat(get("/rates/EUR").statusCode()).as("paths match exactly").isEqualTo(404);
		assertThat(get("/rates?symbol=%45UR&page=2").body()).as("decoded").isEqualTo("eur page 2");
		this.upstream.on("/rates?symbol=EUR").respond(UpstreamResponse.json("eur again"));
		assertThat(get("/rates?symbol=EUR").body()).as("the same route replaced").isEqualTo("eur again");
	}

	@Test
	void countsTheRequestsOfAPathWithGivenParameters() throws Exception {
		this.upstream.on("/rates").respond(UpstreamResponse.json("[]"));
		get("/rates?symbol=EUR&page=1");
		get("/rates?symbol=EUR&page=2");
		get("/rates?symbol=USD&page=2");
		get("/rates?page=2&symbol=EUR");
		assertThat(this.upstream.requests("/rates?symbol=EUR&page=2")).as("page 2 of EUR was fetched twice")
			.hasSize(2)
			.allSatisfy((request) -> assertThat(request.parameter("page")).isEqualTo("2"));
		assertThat(this.upstream.requests("/rates?page=2")).hasSize(3);
		assertThat(this.upstream.requests("/rates")).hasSize(4);
		assertThat(this.upstream.requests().get(0).parameter("missing")).isNull();
		assertThat(this.upstream.requests().get(0).receivedNanos())
			.isLessThanOrEqualTo(this.upstream.requests().get(1).receivedNanos());
	}

	@Test
	void answersInOrderThenRepeatsTheLast() throws Exception {
		this.upstream.on("/pages")
			.failTimes(1, UpstreamResponse.status(500))
			.respond(UpstreamResponse.status(429), UpstreamResponse.json("a"), UpstreamResponse.json("b"));
		assertThat(get("/pages").statusCode()).isEqualTo(500);
		assertThat(get("/pages").statusCode()).isEqualTo(429);
		assertThat(get("/pages").body()).isEqualTo("a");
		assertThat(get("/pages").body()).isEqualTo("b");
		assertThat(get("/pages").body()).isEqualTo("b");
	}

	@Test
	void aRouteOfFailuresOnlyHandsOnToTheNextMatchingRoute() throws Exception {
		this.upstream.on("/rates").respondWith((request) -> UpstreamResponse.json(request.parameter("page")));
		this.upstream.on("/rates?page=3").failTimes(2, UpstreamResponse.status(500));
		assertThat(get("/rates?page=3").statusCode()).isEqualTo(500);
		assertThat(get("/rates?page=2").body()).isEqualTo("2");
		assertThat(get("/rates?page=3").statusCode()).isEqualTo(500);
		assertThat(get("/rates?page=3").body()).isEqualTo("3");
	}

	@Test
	void answersWithAFunctionOfTheRequest() throws Exception {
		this.upstream.on("/pages")
			.failTimes(1, UpstreamResponse.status(503))
			.respondWith((request) -> UpstreamResponse.json("[" + request.parameter("page") + "]"));
		assertThat(get("/pages?page=1").statusCode()).isEqualTo(503);
		assertThat(get("/pages?page=1").body()).isEqualTo("[1]");
		assertThat(get("/pages?page=7").body()).isEqualTo("[7]");
		assertThat(this.upstream.requests("/pages?page=1")).hasSize(2);
	}

	@Test
	void resetForgetsRoutesAndRequests() throws Exception {
		this.upstream.on("/a").respond(UpstreamResponse.json("[]"));
		get("/a");
		this.upstream.reset();
		assertThat(this.upstream.requests()).isEmpty();
		assertThat(get("/a").statusCode()).isEqualTo(404);
	}

	@Test
	void aRouteIsAPath() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.upstream.on("rates"));
	}

	@Test
	void listensOnLoopback() {
		assertThat(this.upstream.baseUrl()).isEqualTo("http://127.0.0.1:" + this.upstream.port());
		assertThat(this.upstream.url("/x")).endsWith(":" + this.upstream.port() + "/x");
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.upstream.url(path))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
