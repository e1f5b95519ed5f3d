package dev.collector.test.app;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;

/**
 * Reads {@code [{"symbol":..,"priced_at":..,"amount":..}]} from {@code prices.url},
 * asking for the request's window; {@code prices.url=generated:N} yields N generated
 * prices instead.
 */
@Component
public class PriceCollector implements Collector<Price> {

	private static final TypeReference<List<PriceJson>> PRICES = new TypeReference<>() {
	};

	private static final Instant GENERATED_FROM = Instant.parse("2025-12-31T00:00:00Z");

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

	private final String url;

	public PriceCollector(@Value("${prices.url:generated:0}") String url) {
		this.url = url;
	}

	@Override
	public Stream<Price> collect(CollectionRequest request) throws Exception {
		if (this.url.startsWith("generated:")) {
			long count = Long.parseLong(this.url.substring("generated:".length()));
			return Stream.iterate(0L, (i) -> i < count, (i) -> i + 1)
				.map((i) -> new Price("S" + (i % 50), GENERATED_FROM.plusMillis(i), BigDecimal.valueOf(i + 1), null));
		}
		URI uri = URI.create(this.url + "?from=" + request.from() + "&to=" + request.to());
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("HTTP status " + response.statusCode() + " from " + this.url);
		}
		return this.json.readValue(response.body(), PRICES)
			.stream()
			.map((price) -> new Price(price.symbol(), price.priced_at(), price.amount(), null));
	}

	private record PriceJson(String symbol, Instant priced_at, BigDecimal amount) {
	}

}
