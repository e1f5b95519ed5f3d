package dev.collector.sample.prices;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.NoSuchElementException;

import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Reads the rows of one symbol's price file that fall in a window, one line at a time:
 * the rows whose day starts (at midnight UTC) in [from, to). The file's days ascend, so
 * reading stops at the first day starting at or after {@code to}, and the file is closed
 * then (or by {@link #close()} when the reader is dropped earlier).
 * <p>
 * A file that cannot be opened, lacks the header {@value #HEADER}, holds a row that does
 * not parse or days out of order throws {@link PriceFileException} naming the symbol, the
 * file and the line.
 */
class PriceFileReader implements Iterator<DailyPrice>, Closeable {

	/** The first line of every price file. */
	static final String HEADER = "day,open,high,low,close,volume";

	private final String symbol;

	private final String location;

	private final Instant from;

	private final Instant to;

	private BufferedReader reader;

	private int lineNumber = 1;

	private LocalDate previousDay;

	private DailyPrice next;

	private PriceFileReader(String symbol, String location, BufferedReader reader, Instant from, Instant to) {
		this.symbol = symbol;
		this.location = location;
		this.reader = reader;
		this.from = from;
		this.to = to;
	}

	/**
	 * Open a symbol's file and check its header.
	 * @param resourceLoader resolves the location
	 * @param symbol the ticker
	 * @param location the file's Spring resource location
	 * @param from start of the window, inclusive
	 * @param to end of the window, exclusive
	 * @return the reader, positioned after the header
	 * @throws PriceFileException when the file cannot be opened or its header is wrong
	 */
	static PriceFileReader open(ResourceLoader resourceLoader, String symbol, String location, Instant from,
			Instant to) {
		Resource resource = resourceLoader.getResource(location);
		BufferedReader reader;
		try {
			reader = new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new PriceFileException(symbol, location, describe(ex), ex);
		}
		PriceFileReader prices = new PriceFileReader(symbol, location, reader, from, to);
		try {
			String header = reader.readLine();
			if (header == null || !HEADER.equals(header.strip())) {
				throw prices.failure("line 1: expected the header '" + HEADER + "', found "
						+ ((header != null) ? "'" + header + "'" : "an empty file"), null);
			}
		}
		catch (IOException | RuntimeException ex) {
			prices.close();
			throw (ex instanceof PriceFileException failure) ? failure : prices.failure(describe(ex), ex);
		}
		return prices;
	}

	@Override
	public boolean hasNext() {
		while (this.next == null && this.reader != null) {
			String line = readLine();
			if (line == null) {
				close();
			}
			else if (!line.isBlank()) {
				DailyPrice price = parse(line);
				Instant start = price.tradingDay().atStartOfDay(ZoneOffset.UTC).toInstant();
				if (!start.isBefore(this.to)) {
					close();
				}
				else if (!start.isBefore(this.from)) {
					this.next = price;
				}
			}
		}
		return this.next != null;
	}

	@Override
	public DailyPrice next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		DailyPrice price = this.next;
		this.next = null;
		return price;
	}

	/**
	 * Close the file; idempotent.
	 */
	@Override
	public void close() {
		BufferedReader open = this.reader;
		this.reader = null;
		if (open != null) {
			try {
				open.close();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	private String readLine() {
		try {
			String line = this.reader.readLine();
			this.lineNumber++;
			return line;
		}
		catch (IOException ex) {
			close();
			throw failure("line " + (this.lineNumber + 1) + ": " + describe(ex), ex);
		}
	}

	private DailyPrice parse(String line) {
		String[] fields = line.strip().split(",", -1);
		if (fields.length != 6) {
			throw failed("expected 6 fields (" + HEADER + "), found " + fields.length, null);
		}
		DailyPrice price;
		try {
			price = new DailyPrice(this.symbol, LocalDate.parse(fields[0].strip()), decimal("open", fields[1]),
					decimal("high", fields[2]), decimal("low", fields[3]), decimal("close", fields[4]),
					decimal("volume", fields[5]));
		}
		catch (RuntimeException ex) {
			throw failed(describe(ex), ex);
		}
		if (this.previousDay != null && !price.tradingDay().isAfter(this.previousDay)) {
			throw failed("day " + price.tradingDay() + " does not come after " + this.previousDay, null);
		}
		this.previousDay = price.tradingDay();
		return price;
	}

	private static BigDecimal decimal(String name, String field) {
		try {
			return new BigDecimal(field.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(name + " '" + field + "' is not a number", ex);
		}
	}

	/** A failure on the current line: the file is closed. */
	private PriceFileException failed(String problem, Throwable cause) {
		close();
		return failure("line " + this.lineNumber + ": " + problem, cause);
	}

	private PriceFileException failure(String problem, Throwable cause) {
		return new PriceFileException(this.symbol, this.location, problem, cause);
	}

	private static String describe(Throwable ex) {
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message : ex.getClass().getSimpleName();
	}

}
