package dev.collector.sample.prices;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;

import dev.collector.schema.CollectedRecord;

/**
 * The prices of one crypto currency over one day (UTC), stored in the
 * {@code crypto_price} table (see {@code schema-h2.sql} and
 * {@code schema-postgresql.sql}: the column types there match the constraints here). A
 * row that breaks a constraint goes to the quarantine instead.
 * <p>
 * The day is {@code tradingDay} (column {@code trading_day}), not {@code day}:
 * {@code DAY} is a keyword in H2, and the sink writes column names as they are.
 *
 * @param symbol the currency's ticker ({@code BTC})
 * @param tradingDay the day, in UTC
 * @param open the price at the start of the day
 * @param high the highest price of the day
 * @param low the lowest price of the day
 * @param close the price at the end of the day
 * @param volume how many coins changed hands that day
 */
@CollectedRecord(table = "crypto_price", key = { "symbol", "tradingDay" }, timestamp = "tradingDay", symbol = "symbol")
public record DailyPrice(
		@NotBlank @Pattern(regexp = SYMBOL_PATTERN,
				message = "must be a ticker: 2 to 10 upper-case letters or digits") String symbol,
		@NotNull LocalDate tradingDay,
		@NotNull @Positive @Digits(integer = PRICE_INTEGER, fraction = PRICE_FRACTION) BigDecimal open,
		@NotNull @Positive @Digits(integer = PRICE_INTEGER, fraction = PRICE_FRACTION) BigDecimal high,
		@NotNull @Positive @Digits(integer = PRICE_INTEGER, fraction = PRICE_FRACTION) BigDecimal low,
		@NotNull @Positive @Digits(integer = PRICE_INTEGER, fraction = PRICE_FRACTION) BigDecimal close,
		@NotNull @PositiveOrZero @Digits(integer = VOLUME_INTEGER, fraction = VOLUME_FRACTION) BigDecimal volume) {

	/** What a ticker looks like; the {@code symbol} column holds up to 10 characters. */
	public static final String SYMBOL_PATTERN = "[A-Z0-9]{2,10}";

	/** Digits before the decimal point of the price columns, {@code NUMERIC(20, 8)}. */
	public static final int PRICE_INTEGER = 12;

	/** Digits after the decimal point of the price columns. */
	public static final int PRICE_FRACTION = 8;

	/**
	 * Digits before the decimal point of the {@code volume} column,
	 * {@code NUMERIC(24, 4)}.
	 */
	public static final int VOLUME_INTEGER = 20;

	/** Digits after the decimal point of the {@code volume} column. */
	public static final int VOLUME_FRACTION = 4;

	/**
	 * Whether the low is at most the high (a missing price is reported by its own
	 * constraint).
	 * @return {@code true} when {@code low <= high} or a price is missing
	 */
	@JsonIgnore
	@AssertTrue(message = "low must not be above high")
	public boolean isLowAtMostHigh() {
		return this.low == null || this.high == null || this.low.compareTo(this.high) <= 0;
	}

	/**
	 * Whether the open and close prices lie between the low and the high (a missing price
	 * is reported by its own constraint).
	 * @return {@code true} when {@code low <= open, close <= high} or a price is missing
	 */
	@JsonIgnore
	@AssertTrue(message = "open and close must lie between low and high")
	public boolean isOpenAndCloseWithinRange() {
		return within(this.open) && within(this.close);
	}

	private boolean within(BigDecimal price) {
		return price == null || this.low == null || this.high == null
				|| (price.compareTo(this.low) >= 0 && price.compareTo(this.high) <= 0);
	}

}
