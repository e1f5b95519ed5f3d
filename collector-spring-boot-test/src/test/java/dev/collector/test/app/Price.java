package dev.collector.test.app;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.collector.collect.IngestionTimestamped;
import dev.collector.schema.CollectedRecord;

/**
 * A price of a symbol at a time.
 */
@CollectedRecord(table = "price", key = { "symbol", "pricedAt" }, timestamp = "pricedAt", symbol = "symbol")
public record Price(@NotBlank String symbol, @NotNull Instant pricedAt, @NotNull @Positive BigDecimal amount,
		Instant ingestedAt) implements IngestionTimestamped<Price> {

	@Override
	public Price withIngestedAt(Instant ingestedAt) {
		return new Price(this.symbol, this.pricedAt, this.amount, ingestedAt);
	}

}
