package dev.collector.sample.news;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the crypto currencies a text mentions, by ticker ({@code BTC}, {@code $ETH}) or
 * by name ({@code Bitcoin}, {@code Ether}), as whole words.
 * <p>
 * Tickers match in upper case only ("sol" or "link" in a sentence is not a ticker); names
 * match in any case, except the few that are also common English words, which match only
 * capitalized ({@code Ripple}, {@code Ether}, {@code Avalanche}, {@code Polygon}).
 */
public class CurrencyTagger {

	private static final Map<String, List<String>> BUILT_IN = builtIn();

	private final List<Currency> currencies;

	/**
	 * A tagger of the built-in currencies.
	 */
	public CurrencyTagger() {
		this(Map.of());
	}

	/**
	 * A tagger of the built-in currencies plus others.
	 * @param extra ticker to the names that mean it (any case); a known ticker gets the
	 * names in addition to its own
	 */
	public CurrencyTagger(Map<String, ? extends Collection<String>> extra) {
		Map<String, List<String>> all = new LinkedHashMap<>();
		BUILT_IN.forEach((ticker, names) -> all.put(ticker, new ArrayList<>(names)));
		extra.forEach((ticker, names) -> {
			String normalized = ticker.trim().toUpperCase(Locale.ROOT);
			if (!normalized.matches("[A-Z0-9]{2,10}")) {
				throw new IllegalArgumentException(
						"Currency ticker '" + ticker + "' must be 2 to 10 letters or digits");
			}
			List<String> regexes = all.computeIfAbsent(normalized, (key) -> new ArrayList<>());
			if (names != null) {
				names.stream()
					.filter((name) -> name != null && !name.isBlank())
					.map(CurrencyTagger::nameRegex)
					.forEach(regexes::add);
			}
		});
		this.currencies = all.entrySet()
			.stream()
			.map((entry) -> Currency.of(entry.getKey(), entry.getValue()))
			.toList();
	}

	/**
	 * The currencies a text mentions.
	 * @param text any text, or {@code null}
	 * @return their tickers, sorted, distinct and comma-separated ({@code "BTC,ETH"}), or
	 * an empty string
	 */
	public String tag(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		TreeSet<String> found = new TreeSet<>();
		for (Currency currency : this.currencies) {
			if (currency.pattern().matcher(text).find()) {
				found.add(currency.ticker());
			}
		}
		return String.join(",", found);
	}

	/**
	 * The built-in currencies: ticker to regular expressions of their names.
	 */
	private static Map<String, List<String>> builtIn() {
		Map<String, List<String>> names = new LinkedHashMap<>();
		// "Bitcoin Cash" is BCH, not BTC
		names.put("BTC", List.of("(?i:bitcoins?)(?!\\s+(?i:cash))"));
		names.put("ETH", List.of("(?i:ethereum)", "Ether"));
		names.put("SOL", List.of("(?i:solana)"));
		names.put("XRP", List.of("Ripple"));
		names.put("ADA", List.of("(?i:cardano)"));
		names.put("DOGE", List.of("(?i:dogecoin)"));
		names.put("BNB", List.of("(?i:bnb\\s+chain)", "(?i:binance\\s+coin)"));
		names.put("DOT", List.of("(?i:polkadot)"));
		names.put("AVAX", List.of("Avalanche"));
		names.put("LTC", List.of("(?i:litecoin)"));
		names.put("LINK", List.of("(?i:chainlink)"));
		names.put("POL", List.of("Polygon"));
		names.put("TRX", List.of("(?i:tron)"));
		names.put("SHIB", List.of("(?i:shiba\\s+inu)"));
		names.put("BCH", List.of("(?i:bitcoin\\s+cash)"));
		names.put("USDT", List.of("(?i:tether)"));
		names.put("USDC", List.of("(?i:usd\\s+coin)"));
		names.put("XLM", List.of("(?i:stellar\\s+lumens?)"));
		names.put("TON", List.of("(?i:toncoin)"));
		return names;
	}

	/**
	 * A configured name as a regular expression: literal, any case, its spaces matching
	 * any whitespace.
	 */
	private static String nameRegex(String name) {
		return "(?i:" + Arrays.stream(name.trim().split("\\s+")).map(Pattern::quote).collect(Collectors.joining("\\s+"))
				+ ")";
	}

	private record Currency(String ticker, Pattern pattern) {

		static Currency of(String ticker, List<String> nameRegexes) {
			List<String> alternatives = new ArrayList<>();
			alternatives.add(Pattern.quote(ticker));
			alternatives.addAll(nameRegexes);
			return new Currency(ticker, Pattern.compile("\\b(?:" + String.join("|", alternatives) + ")\\b"));
		}

	}

}
