package dev.collector.sample.prices;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.InputStreamResource;
import org.springframework.core.io.Resource;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The prices collector alone, over the bundled files and files written by the tests, with
 * windows relative to today.
 */
class PricesCollectorTests {

	private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

	private static final List<String> DEFAULT_SYMBOLS = List.of("BTC", "ETH", "SOL", "ADA");

	@Test
	void keepsTheDaysThatStartInsideTheWindowForEverySymbol() {
		// to is mid-day: the day it falls in has started before it, so that day is in
		CollectionRequest request = request(start(TODAY.minusDays(10)), start(TODAY.minusDays(3)).plusSeconds(43200),
				Set.of());
		List<DailyPrice> prices = collect(new PricesCollector(new PricesProperties(), new DefaultResourceLoader()),
				request);

		List<LocalDate> days = TODAY.minusDays(10).datesUntil(TODAY.minusDays(2)).toList();
		assertThat(days).hasSize(8);
		// symbol after symbol, in the configured order, each in day order
		List<List<Object>> expected = new ArrayList<>();
		DEFAULT_SYMBOLS.forEach((symbol) -> days.forEach((day) -> expected.add(List.of(symbol, day))));
		assertThat(prices).extracting((price) -> List.<Object>of(price.symbol(), price.tradingDay()))
			.containsExactlyElementsOf(expected);
		assertThat(request.failures().isEmpty()).isTrue();
	}

	@Test
	void aDayWhoseStartIsBeforeTheWindowIsLeftOut() {
		PricesCollector collector = new PricesCollector(new PricesProperties(), new DefaultResourceLoader());
		// from one second after the start of a day: that day is not in the window
		List<DailyPrice> prices = collect(collector,
				request(start(TODAY.minusDays(5)).plusSeconds(1), start(TODAY.minusDays(2)), Set.of("ETH")));
		assertThat(prices).extracting(DailyPrice::tradingDay).containsExactly(TODAY.minusDays(4), TODAY.minusDays(3));
		// a window inside one day holds no start of a day
		assertThat(collect(collector,
				request(start(TODAY).plusSeconds(3600), start(TODAY).plusSeconds(7200), Set.of("ETH"))))
			.isEmpty();
	}

	@Test
	void keepsToTheRequestedSymbols() {
		PricesCollector collector = new PricesCollector(new PricesProperties(), new DefaultResourceLoader());
		List<DailyPrice> prices = collect(collector,
				request(start(TODAY.minusDays(2)), start(TODAY), Set.of("ADA", "SOL")));
		// in the configured order: SOL before ADA
		assertThat(prices).extracting((price) -> price.symbol() + " " + price.tradingDay())
			.containsExactly("SOL " + TODAY.minusDays(2), "SOL " + TODAY.minusDays(1), "ADA " + TODAY.minusDays(2),
					"ADA " + TODAY.minusDays(1));
		assertThat(collector.symbols()).containsExactlyElementsOf(DEFAULT_SYMBOLS);
		assertThat(collector.collectsPerSymbol()).isTrue();
	}

	@Test
	void aMissingFileIsAPartFailureAndTheOtherSymbolsGoOn() {
		PricesProperties properties = new PricesProperties();
		properties.setSymbols(List.of("BTC", "DOGE", "ETH"));
		CollectionRequest request = request(start(TODAY.minusDays(3)), start(TODAY), Set.of());
		List<DailyPrice> prices = collect(new PricesCollector(properties, new DefaultResourceLoader()), request);

		assertThat(prices).extracting(DailyPrice::symbol).containsExactly("BTC", "BTC", "BTC", "ETH", "ETH", "ETH");
		assertThat(request.failures().list()).singleElement().satisfies((failure) -> {
			assertThat(failure.part()).isEqualTo("DOGE");
			assertThat(failure.error()).startsWith("PriceFileException: Prices of 'DOGE' (classpath:prices/DOGE.csv)");
			assertThat(failure.from()).isEqualTo(request.from());
			assertThat(failure.to()).isEqualTo(request.to());
		});
	}

	@Test
	void aBrokenFileFailsItsSymbolAfterTheRowsBeforeTheBrokenLine(@TempDir Path directory) throws IOException {
		Files.writeString(directory.resolve("XRP.csv"),
				String.join("\n", PriceFileReader.HEADER, row(TODAY.minusDays(5)), row(TODAY.minusDays(4)),
						row(TODAY.minusDays(3)), TODAY.minusDays(2) + ",abc,2,0.5,1,100", row(TODAY.minusDays(1))));
		Files.writeString(directory.resolve("BAD.csv"), "date;open;high;low;close\n" + row(TODAY.minusDays(3)));
		Files.writeString(directory.resolve("LATE.csv"), String.join("\n", PriceFileReader.HEADER,
				row(TODAY.minusDays(4)), row(TODAY.minusDays(3)), row(TODAY.minusDays(3))));
		Files.writeString(directory.resolve("SHORT.csv"),
				String.join("\n", PriceFileReader.HEADER, "", row(TODAY.minusDays(4)) + ",7"));
		Files.writeString(directory.resolve("GOOD.csv"), String.join("\n", PriceFileReader.HEADER,
				row(TODAY.minusDays(6)), row(TODAY.minusDays(2)), row(TODAY.plusDays(3))) + "\n");
		PricesProperties properties = new PricesProperties();
		properties.setLocation(directory.toUri().toString());
		properties.setSymbols(List.of("XRP", "BAD", "LATE", "SHORT", "GOOD"));
		CollectionRequest request = request(start(TODAY.minusDays(5)), start(TODAY), Set.of());

		List<DailyPrice> prices = collect(new PricesCollector(properties, new DefaultResourceLoader()), request);

		assertThat(prices).extracting((price) -> price.symbol() + " " + price.tradingDay())
			.containsExactly("XRP " + TODAY.minusDays(5), "XRP " + TODAY.minusDays(4), "XRP " + TODAY.minusDays(3),
					"LATE " + TODAY.minusDays(4), "LATE " + TODAY.minusDays(3), "GOOD " + TODAY.minusDays(2));
		Map<String, String> errors = new LinkedHashMap<>();
		request.failures().list().forEach((failure) -> errors.put(failure.part(), failure.error()));
		assertThat(errors).containsOnlyKeys("XRP", "BAD", "LATE", "SHORT");
		assertThat(errors.get("XRP")).contains("XRP.csv").endsWith("line 5: open 'abc' is not a number");
		assertThat(errors.get("BAD")).contains("line 1: expected the header 'day,open,high,low,close,volume'");
		assertThat(errors.get("LATE"))
			.endsWith("line 4: day " + TODAY.minusDays(3) + " does not come after " + TODAY.minusDays(3));
		assertThat(errors.get("SHORT")).endsWith("line 3: expected 6 fields (day,open,high,low,close,volume), found 7");
	}

	@Test
	void opensAFileWhenTheStreamGetsToItAndClosesItWithTheStream() {
		RecordingResourceLoader loader = new RecordingResourceLoader();
		PricesCollector collector = new PricesCollector(new PricesProperties(), loader);
		try (Stream<DailyPrice> prices = collector
			.collect(request(start(TODAY.minusDays(5)), start(TODAY), Set.of()))) {
			assertThat(loader.opened).isEmpty();
			Iterator<DailyPrice> iterator = prices.iterator();
			assertThat(iterator.next().symbol()).isEqualTo("BTC");
			assertThat(iterator.next().symbol()).isEqualTo("BTC");
			assertThat(loader.opened).containsOnlyKeys("classpath:prices/BTC.csv");
			assertThat(loader.opened.get("classpath:prices/BTC.csv").closed).isFalse();
		}
		assertThat(loader.opened.get("classpath:prices/BTC.csv").closed).isTrue();

		// read to the end: every file opened once and closed when the window ends
		loader.opened.clear();
		List<DailyPrice> all = collect(collector, request(start(TODAY.minusDays(5)), start(TODAY), Set.of()));
		assertThat(all).hasSize(20);
		assertThat(loader.opened).hasSize(4).allSatisfy((location, stream) -> assertThat(stream.closed).isTrue());
	}

	@Test
	void checkFailsOnlyWhenNoFileCanBeRead() {
		CollectionRequest probe = request(start(TODAY), start(TODAY.plusDays(1)), Set.of());
		assertThatNoException()
			.isThrownBy(() -> new PricesCollector(new PricesProperties(), new DefaultResourceLoader()).check(probe));
		PricesProperties someMissing = new PricesProperties();
		someMissing.setSymbols(List.of("BTC", "DOGE"));
		assertThatNoException()
			.isThrownBy(() -> new PricesCollector(someMissing, new DefaultResourceLoader()).check(probe));
		PricesProperties allMissing = new PricesProperties();
		allMissing.setSymbols(List.of("DOGE", "XRP"));
		assertThatIllegalStateException()
			.isThrownBy(() -> new PricesCollector(allMissing, new DefaultResourceLoader()).check(probe))
			.withMessageStartingWith("No price file can be read (2), e.g. Prices of 'DOGE'");
	}

	@Test
	void aSymbolListedTwiceIsRefused() {
		PricesProperties properties = new PricesProperties();
		properties.setSymbols(List.of("BTC", "ETH", "BTC"));
		assertThatIllegalStateException().isThrownBy(() -> new PricesCollector(properties, new DefaultResourceLoader()))
			.withMessage("prices.symbols lists 'BTC' twice");
	}

	private static String row(LocalDate day) {
		return day + ",1.5,2,1,1.25,1000";
	}

	static Instant start(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	static CollectionRequest request(Instant from, Instant to, Set<String> symbols) {
		return new CollectionRequest(UUID.randomUUID().toString(), Trigger.BACKFILL, from, to, symbols, false, false);
	}

	static List<DailyPrice> collect(PricesCollector collector, CollectionRequest request) {
		try (Stream<DailyPrice> prices = collector.collect(request)) {
			return prices.toList();
		}
	}

	/**
	 * Resolves locations as usual and records the streams it opens.
	 */
	private static final class RecordingResourceLoader extends DefaultResourceLoader {

		private final Map<String, RecordingStream> opened = new LinkedHashMap<>();

		@Override
		public Resource getResource(String location) {
			Resource resource = super.getResource(location);
			return new InputStreamResource(() -> {
				RecordingStream stream = new RecordingStream(resource.getInputStream());
				this.opened.put(location, stream);
				return stream;
			});
		}

	}

	private static final class RecordingStream extends FilterInputStream {

		private boolean closed;

		RecordingStream(InputStream in) {
			super(in);
		}

		@Override
		public void close() throws IOException {
			this.closed = true;
			super.close();
		}

	}

}
