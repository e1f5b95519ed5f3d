package dev.collector.sample.prices;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.springframework.core.io.ResourceLoader;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.Collector;

/**
 * Collects daily crypto prices from one CSV file per symbol ({@code prices.symbols},
 * {@code prices.location}); the sample bundles synthetic prices of BTC, ETH, SOL and ADA
 * for every day from 2020 through 2035.
 * <p>
 * A request gets the rows of its symbols whose day starts (at midnight UTC) inside its
 * window [from, to), so a backfill of some days stores exactly those days, and a
 * scheduled run stores a day once its start has passed. Files are read lazily, one line
 * at a time, the next symbol's file opened when the stream gets to it; closing the stream
 * closes the open file.
 * <p>
 * The framework calls {@link #collect} once per symbol ({@link #collectsPerSymbol()}); a
 * symbol whose file is missing or broken ({@link PriceFileException}, which names the
 * file and line) is reported with {@link CollectionRequest#failed(String, Throwable)}: a
 * part failure, so the other symbols are stored, the run ends {@code partial} and the
 * symbol's days are retried by the next runs. A request naming several symbols, as a
 * direct call may, goes on with the next symbol the same way.
 */
public class PricesCollector implements Collector<DailyPrice> {

	private final PricesProperties properties;

	private final ResourceLoader resourceLoader;

	/**
	 * Create the collector.
	 * @param properties the symbols and where their files are
	 * @param resourceLoader reads the files ({@code classpath:}, {@code file:}, ...)
	 */
	public PricesCollector(PricesProperties properties, ResourceLoader resourceLoader) {
		this.properties = properties;
		this.resourceLoader = resourceLoader;
		Set<String> symbols = new LinkedHashSet<>();
		for (String symbol : properties.getSymbols()) {
			if (!symbols.add(symbol)) {
				throw new IllegalStateException("prices.symbols lists '" + symbol + "' twice");
			}
		}
	}

	@Override
	public Stream<DailyPrice> collect(CollectionRequest request) {
		List<String> symbols = this.properties.getSymbols().stream().filter(request::includes).toList();
		SymbolRows rows = new SymbolRows(symbols, request);
		return StreamSupport
			.stream(Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL), false)
			.onClose(rows::close);
	}

	/**
	 * Opens the file of every symbol the probe includes and reads its header; fails only
	 * when none can be read (a run would fail as a whole then). A missing or broken file
	 * among readable ones is a part failure of the runs, reported by them.
	 * @param probe the request whose symbols to check
	 */
	@Override
	public void check(CollectionRequest probe) {
		List<PriceFileException> failures = new ArrayList<>();
		List<String> symbols = this.properties.getSymbols().stream().filter(probe::includes).toList();
		for (String symbol : symbols) {
			try {
				open(symbol, probe).close();
			}
			catch (PriceFileException ex) {
				failures.add(ex);
			}
		}
		if (!symbols.isEmpty() && failures.size() == symbols.size()) {
			PriceFileException first = failures.get(0);
			throw new IllegalStateException(
					"No price file can be read (" + symbols.size() + "), e.g. " + first.getMessage(), first);
		}
	}

	@Override
	public boolean collectsPerSymbol() {
		return true;
	}

	@Override
	public Set<String> symbols() {
		return new LinkedHashSet<>(this.properties.getSymbols());
	}

	private PriceFileReader open(String symbol, CollectionRequest request) {
		return PriceFileReader.open(this.resourceLoader, symbol, this.properties.fileOf(symbol), request.from(),
				request.to());
	}

	/**
	 * The rows of several symbols, file after file; a file that fails is reported as a
	 * part failure of its symbol and skipped.
	 */
	private final class SymbolRows implements Iterator<DailyPrice> {

		private final Iterator<String> pending;

		private final CollectionRequest request;

		private String symbol;

		private PriceFileReader current;

		SymbolRows(List<String> symbols, CollectionRequest request) {
			this.pending = symbols.iterator();
			this.request = request;
		}

		@Override
		public boolean hasNext() {
			while (true) {
				if (this.current == null) {
					if (!this.pending.hasNext()) {
						return false;
					}
					this.symbol = this.pending.next();
					try {
						this.current = open(this.symbol, this.request);
					}
					catch (PriceFileException ex) {
						this.request.failed(this.symbol, ex);
						continue;
					}
				}
				try {
					if (this.current.hasNext()) {
						return true;
					}
				}
				catch (PriceFileException ex) {
					// the rows before the broken line are stored; the symbol's window is
					// marked failed and retried
					this.request.failed(this.symbol, ex);
				}
				close();
			}
		}

		@Override
		public DailyPrice next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.current.next();
		}

		void close() {
			PriceFileReader open = this.current;
			this.current = null;
			if (open != null) {
				open.close();
			}
		}

	}

}
