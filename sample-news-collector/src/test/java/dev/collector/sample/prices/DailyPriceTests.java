package dev.collector.sample.prices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.core.io.DefaultResourceLoader;

import dev.collector.collect.CollectionRequest;
import dev.collector.schema.AnnotatedRecordSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The record's constraints and schema, and the bundled files: they cover today a few
 * years either way, one valid row per day.
 */
class DailyPriceTests {

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	private static ValidatorFactory validatorFactory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		validatorFactory = Validation.buildDefaultValidatorFactory();
		validator = validatorFactory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		validatorFactory.close();
	}

	@Test
	void aPlausibleRowIsValid() {
		assertThat(validator.validate(price("BTC", "100", "110", "90", "105", "12.5"))).isEmpty();
		// a flat day: all four prices equal, nothing traded
		assertThat(validator.validate(price("ADA", "0.03", "0.03", "0.03", "0.03", "0"))).isEmpty();
	}

	@Test
	void aLowAboveTheHighIsRejected() {
		assertThat(violations(price("BTC", "100", "90", "110", "100", "1"))).contains(
				"lowAtMostHigh: low must not be above high",
				"openAndCloseWithinRange: open and close must lie between low and high");
	}

	@Test
	void anOpenOrCloseOutsideTheDaysRangeIsRejected() {
		assertThat(violations(price("BTC", "120", "110", "90", "100", "1")))
			.containsExactly("openAndCloseWithinRange: open and close must lie between low and high");
		assertThat(violations(price("BTC", "100", "110", "90", "80", "1")))
			.containsExactly("openAndCloseWithinRange: open and close must lie between low and high");
	}

	@Test
	void pricesMustBePositiveAndTheVolumeNotNegative() {
		assertThat(violations(price("BTC", "0", "110", "0", "100", "-1"))).contains("open: must be greater than 0",
				"low: must be greater than 0", "volume: must be greater than or equal to 0");
		assertThat(violations(new DailyPrice("BTC", TODAY, null, null, null, null, null))).containsExactlyInAnyOrder(
				"open: must not be null", "high: must not be null", "low: must not be null", "close: must not be null",
				"volume: must not be null");
	}

	@ParameterizedTest
	@ValueSource(strings = { "btc", "B", "BTC-USD", "ABCDEFGHIJK", "" })
	void aSymbolMustBeATicker(String symbol) {
		assertThat(violations(price(symbol, "100", "110", "90", "105", "1")))
			.anySatisfy((violation) -> assertThat(violation).startsWith("symbol: "));
	}

	@Test
	void pricesAndVolumesMustFitTheirColumns() {
		assertThat(violations(price("BTC", "1.123456789", "2", "1", "1.5", "1")))
			.containsExactly("open: numeric value out of bounds (<12 digits>.<8 digits> expected)");
		assertThat(violations(price("BTC", "1", "2", "1", "1.5", "1.12345")))
			.containsExactly("volume: numeric value out of bounds (<20 digits>.<4 digits> expected)");
	}

	@Test
	void theSchemaIsTheTableKeyedBySymbolAndDay() {
		AnnotatedRecordSchema<DailyPrice> schema = AnnotatedRecordSchema.of(DailyPrice.class);
		assertThat(schema.table()).isEqualTo("crypto_price");
		assertThat(schema.columns()).containsExactly("symbol", "trading_day", "open", "high", "low", "close", "volume");
		assertThat(schema.keyColumns()).containsExactly("symbol", "trading_day");
		assertThat(schema.timestampColumn()).isEqualTo("trading_day");
		assertThat(schema.symbolColumn()).isEqualTo("symbol");
	}

	@Test
	void theJsonOfARowHoldsItsComponentsOnly() throws Exception {
		// what the quarantine stores: the two checks are not properties
		String json = JsonMapper.builder()
			.findAndAddModules()
			.build()
			.writeValueAsString(price("BTC", "100", "110", "90", "105", "12.5"));
		assertThat(json).contains("\"tradingDay\"").doesNotContain("lowAtMostHigh").doesNotContain("WithinRange");
	}

	@Test
	void theBundledFilesCoverTodayThreeYearsEitherWayWithOneValidRowPerDay() {
		LocalDate first = TODAY.minusYears(3);
		LocalDate last = TODAY.plusYears(3);
		List<LocalDate> days = first.datesUntil(last.plusDays(1)).toList();
		PricesCollector collector = new PricesCollector(new PricesProperties(), new DefaultResourceLoader());
		for (String symbol : List.of("BTC", "ETH", "SOL", "ADA")) {
			CollectionRequest request = PricesCollectorTests.request(PricesCollectorTests.start(first),
					PricesCollectorTests.start(last.plusDays(1)), Set.of(symbol));
			List<DailyPrice> prices = PricesCollectorTests.collect(collector, request);
			assertThat(request.failures().isEmpty()).as(symbol).isTrue();
			assertThat(prices).as(symbol).extracting(DailyPrice::tradingDay).containsExactlyElementsOf(days);
			assertThat(prices).as(symbol).allSatisfy((price) -> {
				assertThat(price.symbol()).isEqualTo(symbol);
				assertThat(validator.validate(price)).as(price.toString()).isEmpty();
			});
		}
		assertThat(ChronoUnit.DAYS.between(first, last)).isGreaterThan(365 * 6 - 2);
	}

	private static DailyPrice price(String symbol, String open, String high, String low, String close, String volume) {
		return new DailyPrice(symbol, TODAY, new BigDecimal(open), new BigDecimal(high), new BigDecimal(low),
				new BigDecimal(close), new BigDecimal(volume));
	}

	private static List<String> violations(DailyPrice price) {
		Set<ConstraintViolation<DailyPrice>> violations = validator.validate(price);
		return violations.stream()
			.map((violation) -> violation.getPropertyPath() + ": " + violation.getMessage())
			.sorted()
			.collect(Collectors.toList());
	}

}
