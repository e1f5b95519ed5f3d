package dev.collector.sample.fx;

import java.math.BigDecimal;
import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import dev.collector.schema.CollectedRecord;

@CollectedRecord(table = "fx_rate", key = { "symbol", "rateDate" }, timestamp = "rateDate", symbol = "symbol")
public record FxRate(@NotBlank String symbol, @NotNull LocalDate rateDate, @NotNull @Positive BigDecimal rate) {
}
