package dev.collector.test.multi;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;
import dev.collector.test.app.Price;

/**
 * One price of BTC at the end of each window.
 */
@Component("prices")
public class PricesCollector implements Collector<Price> {

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	public Stream<Price> collect(CollectionRequest request) {
		this.calls.incrementAndGet();
		return Stream.of(new Price("BTC", request.to().minusSeconds(1), BigDecimal.TEN, null));
	}

	public int calls() {
		return this.calls.get();
	}

}
