package dev.collector.sample.prices;

/**
 * One symbol's price file could not be read: missing, unreadable, or not the expected
 * CSV. The collector reports it as a part failure of the run, so the other symbols are
 * stored and the symbol is retried by the next runs.
 */
public class PriceFileException extends RuntimeException {

	private final String symbol;

	/**
	 * Create the exception.
	 * @param symbol the symbol whose file failed
	 * @param location the file's location
	 * @param problem what is wrong, e.g. "line 12: ..."
	 * @param cause the underlying exception, or {@code null}
	 */
	public PriceFileException(String symbol, String location, String problem, Throwable cause) {
		super("Prices of '" + symbol + "' (" + location + ") could not be read: " + problem, cause);
		this.symbol = symbol;
	}

	/**
	 * The symbol whose file failed.
	 * @return the ticker
	 */
	public String getSymbol() {
		return this.symbol;
	}

}
