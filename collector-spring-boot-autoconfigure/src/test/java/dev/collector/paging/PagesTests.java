package dev.collector.paging;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.RecordCounts;
import dev.collector.collect.Trigger;
import dev.collector.collect.WriteResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PagesTests {

	private final List<String> fetched = new ArrayList<>();

	@AfterEach
	void noRunLeftOnTheThread() {
		PagingRun.end();
	}

	@Test
	void numberedPagesStopAtTheFirstEmptyPage() {
		assertThat(Pages.numbered((page) -> page(page, 3))).containsExactly("1.0", "1.1", "2.0", "2.1", "3.0", "3.1");
		assertThat(this.fetched).containsExactly("1", "2", "3", "4");
	}

	@Test
	void numberedPagesMayStartAtZero() {
		assertThat(Pages.numbered(0, (page) -> (page < 2) ? List.of(page) : List.of())).containsExactly(0, 1);
	}

	@Test
	void fetchesAPageOnlyWhenTheRecordsBeforeItAreRead() {
		Iterator<String> records = Pages.numbered((page) -> page(page, 3)).iterator();
		assertThat(this.fetched).as("nothing before the first read").isEmpty();
		records.next();
		records.next();
		assertThat(this.fetched).containsExactly("1");
		records.next();
		assertThat(this.fetched).containsExactly("1", "2");
	}

	@Test
	void cursorPagesFollowTheCursorUntilThereIsNone() {
		Map<String, Page<String>> pages = Map.of("", Page.of(List.of("a", "b"), "c1"), "c1",
				Page.of(List.of("c"), "c2"), "c2", Page.last(List.of("d")));
		assertThat(Pages.cursor((cursor) -> {
			this.fetched.add(String.valueOf(cursor));
			return pages.get((cursor != null) ? cursor : "");
		})).containsExactly("a", "b", "c", "d");
		assertThat(this.fetched).containsExactly("null", "c1", "c2");
	}

	@Test
	void linkPagesStopAtAnEmptyPageEvenWithANextLink() {
		assertThat(Pages.links("/rates?page=1", (link) -> {
			this.fetched.add(link);
			return link.endsWith("1") ? Page.of(List.of("x"), "/rates?page=2") : Page.of(List.of(), "/rates?page=3");
		})).containsExactly("x");
		assertThat(this.fetched).containsExactly("/rates?page=1", "/rates?page=2");
	}

	@Test
	void eachReadsOneKeyAfterTheOtherInTheirOrder() {
		Stream<String> records = Pages.each(Set.of("USD", "EUR"), (symbol) -> {
			this.fetched.add("open " + symbol);
			return Pages.numbered((page) -> (page < 3) ? List.of(symbol + page) : List.of());
		});
		Iterator<String> iterator = records.iterator();
		assertThat(iterator.next()).isEqualTo("EUR1");
		assertThat(this.fetched).containsExactly("open EUR");
		List<String> rest = new ArrayList<>();
		iterator.forEachRemaining(rest::add);
		assertThat(rest).containsExactly("EUR2", "USD1", "USD2");
	}

	@Test
	void aFailingPageFailsTheStream() {
		Stream<Integer> records = Pages.numbered((page) -> {
			if (page == 2) {
				throw new IllegalStateException("page 2 answered 500");
			}
			return List.of(page);
		});
		assertThatIllegalStateException().isThrownBy(records::toList).withMessage("page 2 answered 500");
	}

	@Test
	void aRetriedBackfillRequestResumesAtThePageOfItsLastCommittedBatch() {
		InMemoryStore store = new InMemoryStore();
		PageResumeObserver observer = new PageResumeObserver("fx", store);
		CollectionRequest request = backfill(Set.of("EUR"));
		// first attempt: batches of 3 records over pages of 2; page 4 fails
		List<String> firstAttempt = attempt(observer, request, 4, 3);
		assertThat(firstAttempt).containsExactly("1.0", "1.1", "2.0", "2.1", "3.0", "3.1");
		assertThat(store.states).hasSize(1);
		// second attempt: the last committed batch ended in page 2 (its second batch was
		// cut at 3.1 but never committed), so pages 1 is not fetched again
		this.fetched.clear();
		List<String> secondAttempt = attempt(observer, request, 0, 3);
		assertThat(this.fetched).first().isEqualTo("2");
		assertThat(secondAttempt).startsWith("2.0").endsWith("5.1");
		assertThat(store.states).as("forgotten once the request succeeded").isEmpty();
	}

	@Test
	void keysThatEndedAreNotFetchedAgain() {
		InMemoryStore store = new InMemoryStore();
		PageResumeObserver observer = new PageResumeObserver("fx", store);
		CollectionRequest request = backfill(Set.of("EUR", "USD"));
		observer.sourceOpening(request);
		Iterator<String> records = Pages.each(request.symbols(), (symbol) -> Pages.numbered((page) -> {
			this.fetched.add(symbol + page);
			if (symbol.equals("USD") && page == 2) {
				throw new IllegalStateException("500");
			}
			return (page < 3) ? List.of(symbol + page) : List.of();
		})).iterator();
		assertThat(List.of(records.next(), records.next(), records.next())).containsExactly("EUR1", "EUR2", "USD1");
		commitBatch(observer, request);
		assertThatIllegalStateException().isThrownBy(records::next);
		observer.runFinished(failed(request));
		this.fetched.clear();
		observer.sourceOpening(request);
		List<String> retried = Pages.each(request.symbols(), (symbol) -> Pages.numbered((page) -> {
			this.fetched.add(symbol + page);
			return (page < 3) ? List.of(symbol + page) : List.of();
		})).toList();
		assertThat(this.fetched).as("EUR ended before the commit: not fetched again")
			.containsExactly("USD1", "USD2", "USD3");
		assertThat(retried).containsExactly("USD1", "USD2");
	}

	@Test
	void anUnnamedSourceInARequestForSeveralSymbolsStartsOver() {
		InMemoryStore store = new InMemoryStore();
		PageResumeObserver observer = new PageResumeObserver("fx", store);
		CollectionRequest request = backfill(Set.of("EUR", "USD"));
		attempt(observer, request, 3, 2);
		this.fetched.clear();
		attempt(observer, request, 0, 2);
		assertThat(this.fetched).first().isEqualTo("1");
	}

	@Test
	void liveRunsKeepNothing() {
		InMemoryStore store = new InMemoryStore();
		PageResumeObserver observer = new PageResumeObserver("fx", store);
		CollectionRequest request = new CollectionRequest("live", Trigger.SCHEDULED, Instant.EPOCH,
				Instant.EPOCH.plusSeconds(60), Set.of(), false, false);
		attempt(observer, request, 3, 2);
		assertThat(store.states).isEmpty();
	}

	/**
	 * Reads the pages of 2 records as the pipeline would, in batches, committing each
	 * batch when the next one is handed over (the pipelined order); a page that fails
	 * fails the attempt.
	 */
	private List<String> attempt(PageResumeObserver observer, CollectionRequest request, int failingPage,
			int batchSize) {
		observer.sourceOpening(request);
		List<String> read = new ArrayList<>();
		Iterator<String> records = Pages.numbered((page) -> {
			if (page == failingPage) {
				throw new IllegalStateException("page " + page + " answered 500");
			}
			return page(page, 5);
		}).iterator();
		boolean inFlight = false;
		try {
			while (records.hasNext()) {
				read.add(records.next());
				if (read.size() % batchSize == 0) {
					if (inFlight) {
						observer.batchWritten(request, WriteResult.of(batchSize, 0), java.time.Duration.ZERO);
					}
					observer.batchSubmitted(request);
					inFlight = true;
				}
			}
			if (inFlight) {
				observer.batchWritten(request, WriteResult.of(batchSize, 0), java.time.Duration.ZERO);
			}
			observer.runFinished(new CollectionResult(request, CollectionResult.Status.SUCCEEDED, Instant.EPOCH,
					Instant.EPOCH, RecordCounts.NONE, null));
		}
		catch (IllegalStateException ex) {
			// the write in flight fails with the run
			if (inFlight) {
				observer.batchFailed(request, ex, java.time.Duration.ZERO);
			}
			observer.runFinished(failed(request));
		}
		return read;
	}

	private static void commitBatch(PageResumeObserver observer, CollectionRequest request) {
		observer.batchSubmitted(request);
		observer.batchWritten(request, WriteResult.of(1, 0), java.time.Duration.ZERO);
	}

	private static CollectionResult failed(CollectionRequest request) {
		return new CollectionResult(request, CollectionResult.Status.FAILED, Instant.EPOCH, Instant.EPOCH,
				RecordCounts.NONE, "500");
	}

	private static CollectionRequest backfill(Set<String> symbols) {
		return new CollectionRequest("chunk", Trigger.BACKFILL, Instant.parse("2024-01-01T00:00:00Z"),
				Instant.parse("2024-02-01T00:00:00Z"), symbols, false, false);
	}

	private List<String> page(int page, int pages) {
		this.fetched.add(Integer.toString(page));
		return (page <= pages) ? IntStream.range(0, 2).mapToObj((i) -> page + "." + i).toList() : List.of();
	}

	private static final class InMemoryStore extends PageResumeStore {

		private final Map<String, String> states = new ConcurrentHashMap<>();

		InMemoryStore() {
			super(null, java.time.Clock.systemUTC());
		}

		@Override
		public String load(String collector, String requestKey) {
			return this.states.get(collector + "/" + requestKey);
		}

		@Override
		public void save(String collector, String requestKey, String state) {
			this.states.put(collector + "/" + requestKey, state);
		}

		@Override
		public void delete(String collector, String requestKey) {
			this.states.remove(collector + "/" + requestKey);
		}

	}

}
