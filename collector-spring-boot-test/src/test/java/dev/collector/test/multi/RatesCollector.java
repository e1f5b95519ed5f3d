package dev.collector.test.multi;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;

/**
 * Two rates at the end of each window. {@link #CALLS} counts its calls in every context,
 * so that a test of the other collector can show this one never ran.
 */
@Component("rates")
public class RatesCollector implements Collector<Rate> {

	/** Calls of any instance. */
	public static final AtomicInteger CALLS = new AtomicInteger();

	@Override
	public Stream<Rate> collect(CollectionRequest request) {
		CALLS.incrementAndGet();
		return Stream.of(new Rate("EURUSD", request.to().minusSeconds(1), BigDecimal.ONE),
				new Rate("GBPUSD", request.to().minusSeconds(1), BigDecimal.valueOf(2)));
	}

}
