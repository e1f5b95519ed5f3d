package dev.collector.paging;

import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Turns a paged source into the lazy {@link Stream} a
 * {@link dev.collector.collect.Collector} returns: pages by number, after a cursor, or by
 * following next links. A page is fetched only when the records before it have been read,
 * so a window of any size never sits in memory; the stream ends at the first empty page
 * or at a page without a next cursor or link. <pre class="code">
 * return Pages.numbered((page) -&gt; http.get()
 *     .uri("/rates?symbol={symbol}&amp;from={from}&amp;to={to}&amp;page={page}", symbol, from, to, page)
 *     .retrieve()
 *     .body(RATES));
 * </pre> Fetch the pages with the {@code collectorRestClient}: every page is then one
 * request through the collector's rate limiter, circuit breaker and retry (which honours
 * {@code Retry-After}), so a 429 on page 7 waits and fetches page 7 again.
 * <p>
 * <b>Resuming.</b> When a backfill request fails (page 9 answers 500 after its retries)
 * the framework keeps where the pages stood at the last committed batch, and the retry of
 * the same request starts at that page rather than at the first (the page is fetched
 * again; its records already stored come back as duplicates). A run reading several paged
 * sources (one per symbol) resumes each by name: use {@link #each(Collection, Function)},
 * which names them after their key. Several unnamed paged sources in one run, or an
 * unnamed one in a request for several symbols, start over. Resume relies on records
 * flowing from the pages to the batches as they are read: a {@code RecordProcessor} that
 * holds records back (sorts or buffers them) must not be combined with a backfill that
 * may fail half-way.
 */
public final class Pages {

	private Pages() {
	}

	/**
	 * Pages by number, from 1, until a page is empty.
	 * @param <T> the record type
	 * @param page fetches the records of one page number
	 * @return the records of every page, lazily
	 */
	public static <T> Stream<T> numbered(IntFunction<? extends Collection<T>> page) {
		return numbered(1, page);
	}

	/**
	 * Pages by number, from a first number, until a page is empty.
	 * @param <T> the record type
	 * @param first the first page's number (0 or 1, as the source counts)
	 * @param page fetches the records of one page number
	 * @return the records of every page, lazily
	 */
	public static <T> Stream<T> numbered(int first, IntFunction<? extends Collection<T>> page) {
		return stream(Integer.toString(first), (token) -> {
			int number = Integer.parseInt(token);
			Collection<T> items = page.apply(number);
			List<T> records = (items != null) ? List.copyOf(items) : List.of();
			return Page.of(records, Integer.toString(number + 1));
		});
	}

	/**
	 * Pages after a cursor: the first with a {@code null} cursor, each next one with the
	 * cursor the previous page gave, until a page has no next cursor or no records.
	 * @param <T> the record type
	 * @param page fetches the page after a cursor ({@code null} for the first page)
	 * @return the records of every page, lazily
	 */
	public static <T> Stream<T> cursor(Function<String, Page<T>> page) {
		return stream(null, page);
	}

	/**
	 * Pages by following next links: the first URL, then the link each page gives, until
	 * a page has no next link or no records.
	 * @param <T> the record type
	 * @param first the first page's URL (or path)
	 * @param page fetches the page at a URL
	 * @return the records of every page, lazily
	 */
	public static <T> Stream<T> links(String first, Function<String, Page<T>> page) {
		return stream(first, page);
	}

	/**
	 * One paged source per key (a symbol, a feed), read one after the other in the keys'
	 * order: each source is only opened when the one before has ended, and the paged
	 * sources it creates resume by the key's name.
	 * @param <K> the key type
	 * @param <T> the record type
	 * @param keys the keys, e.g. {@code request.symbols()}
	 * @param source the records of one key, e.g. a {@link #numbered} stream
	 * @return the records of every key, lazily
	 */
	public static <K, T> Stream<T> each(Collection<K> keys, Function<K, Stream<T>> source) {
		List<K> ordered = keys.stream().sorted(Comparator.comparing(String::valueOf)).toList();
		Iterator<T> records = new Iterator<>() {

			private final Iterator<K> remaining = ordered.iterator();

			private Iterator<T> current = null;

			private Stream<T> open;

			@Override
			public boolean hasNext() {
				while (this.current == null || !this.current.hasNext()) {
					close();
					if (!this.remaining.hasNext()) {
						return false;
					}
					K key = this.remaining.next();
					this.open = PagingRun.named(String.valueOf(key), () -> source.apply(key));
					this.current = this.open.iterator();
				}
				return true;
			}

			@Override
			public T next() {
				if (!hasNext()) {
					throw new NoSuchElementException();
				}
				return this.current.next();
			}

			private void close() {
				if (this.open != null) {
					this.open.close();
					this.open = null;
				}
			}

		};
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(records, Spliterator.ORDERED), false);
	}

	private static <T> Stream<T> stream(String first, Function<String, Page<T>> fetch) {
		PageIterator<T> pages = new PageIterator<>(PagingRun.currentName(), first, fetch);
		return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pages, Spliterator.ORDERED), false);
	}

	/**
	 * Reads page after page, fetching the next one only when the records of the current
	 * one are used up. The position is told to the run's {@link PagingRun} (where there
	 * is one) and may be taken from it, when the request is a retry.
	 */
	private static final class PageIterator<T> implements Iterator<T> {

		private final String name;

		private final Function<String, Page<T>> fetch;

		private String token;

		private PagingRun.Position position;

		private Iterator<T> items;

		private String next;

		private boolean started;

		private boolean ended;

		PageIterator(String name, String first, Function<String, Page<T>> fetch) {
			this.name = name;
			this.token = first;
			this.fetch = fetch;
		}

		@Override
		public boolean hasNext() {
			if (!this.started) {
				start();
			}
			while (!this.ended && (this.items == null || !this.items.hasNext())) {
				if (this.items != null) {
					// the current page is used up: on to the next one, if there is one
					if (this.next == null) {
						end();
						break;
					}
					this.token = this.next;
				}
				this.position.at(this.token);
				Page<T> page = this.fetch.apply(this.token);
				List<T> records = (page != null) ? page.items() : List.of();
				this.items = records.iterator();
				this.next = (page != null && !records.isEmpty()) ? page.next() : null;
				if (records.isEmpty()) {
					end();
				}
			}
			return !this.ended || (this.items != null && this.items.hasNext());
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			return this.items.next();
		}

		private void start() {
			this.started = true;
			this.position = PagingRun.register(this.name);
			if (this.position.done()) {
				this.ended = true;
				return;
			}
			if (this.position.resumeAt() != null) {
				this.token = this.position.resumeAt();
			}
		}

		private void end() {
			this.ended = true;
			this.position.done(true);
		}

	}

}
