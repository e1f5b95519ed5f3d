package dev.collector.sample.prices;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Configuration of the prices collector, under {@code prices.*}.
 */
@ConfigurationProperties("prices")
@Validated
public class PricesProperties {

	/**
	 * Whether the prices collector is part of the application, beside the news collector.
	 */
	private boolean enabled = true;

	/**
	 * Tickers to collect, each read from the file "SYMBOL.csv" of the location (BTC from
	 * "BTC.csv"). The bundled files hold BTC, ETH, SOL and ADA.
	 */
	@NotEmpty
	private List<@NotBlank @Pattern(regexp = DailyPrice.SYMBOL_PATTERN) String> symbols = new ArrayList<>(
			List.of("BTC", "ETH", "SOL", "ADA"));

	/**
	 * Spring resource location of the directory holding one "SYMBOL.csv" file per symbol,
	 * with the header "day,open,high,low,close,volume" and one row per day (UTC), in
	 * ascending order: "classpath:prices/" (the bundled, synthetic prices) or
	 * "file:/srv/prices/".
	 */
	@NotBlank
	private String location = "classpath:prices/";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getSymbols() {
		return this.symbols;
	}

	public void setSymbols(List<String> symbols) {
		this.symbols = symbols;
	}

	public String getLocation() {
		return this.location;
	}

	public void setLocation(String location) {
		this.location = location;
	}

	/**
	 * The location of one symbol's file.
	 * @param symbol the ticker
	 * @return {@link #getLocation() location}, with a trailing '/' when it has none,
	 * followed by the symbol and {@code .csv}
	 */
	public String fileOf(String symbol) {
		return (this.location.endsWith("/") ? this.location : this.location + "/") + symbol + ".csv";
	}

}
