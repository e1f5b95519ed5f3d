package dev.collector.sample.fx;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.paging.Pages;

@Component
class FxCollector implements Collector<FxRate> {

	private static final ParameterizedTypeReference<List<Quote>> QUOTES = new ParameterizedTypeReference<>() {
	};

	private final RestClient http;

	FxCollector(@Qualifier("collectorRestClient") RestClient http, @Value("${fx.url}") String url) {
		this.http = http.mutate().baseUrl(url).build();
	}

	@Override
	public Set<String> symbols() {
		return Set.of("EUR", "GBP", "JPY");
	}

	@Override
	public Stream<FxRate> collect(CollectionRequest request) {
		LocalDate from = LocalDate.ofInstant(request.from(), ZoneOffset.UTC);
		LocalDate to = LocalDate.ofInstant(request.to(), ZoneOffset.UTC);
		Set<String> symbols = request.symbols().isEmpty() ? symbols() : request.symbols();
		return Pages.each(symbols,
				(symbol) -> Pages.numbered((page) -> this.http.get()
					.uri("/rates?symbol={symbol}&from={from}&to={to}&page={page}", symbol, from, to, page)
					.retrieve()
					.body(QUOTES)
					.stream()
					.map((quote) -> new FxRate(symbol, quote.date(), quote.rate()))
					.toList()));
	}

	record Quote(LocalDate date, BigDecimal rate) {
	}

}
