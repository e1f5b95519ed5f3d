package dev.collector.test.multi;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import dev.collector.schema.CollectedRecord;

/**
 * An exchange rate at a time: the record of {@link RatesCollector}.
 */
@CollectedRecord(table = "rate", key = { "pair", "ratedAt" }, timestamp = "ratedAt", symbol = "pair")
public record Rate(@NotBlank String pair, @NotNull Instant ratedAt, @NotNull BigDecimal rate) {

}
