package dev.collector.collect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.micrometer.observation.Observation;

import dev.collector.observation.CollectorObservations;

/**
 * Times the source (the call to {@link Collector#collect} plus the time spent inside its
 * stream, not the time spent downstream) and marks its failures as
 * {@link SourceException}s. One per window of a run (see {@link CollectionPipeline}): it
 * opens the source, per symbol when the collector collects so, and observes its calls as
 * a {@code collector.source} observation.
 *
 * @param <T> the record type
 */
final class SourceTimer<T> {

	private final String collectorName;

	private final Collector<T> collector;

	private final SourceInvoker sourceInvoker;

	private final CollectionObserver observer;

	private final CollectorObservations observations;

	private final CollectionRequest request;

	private final List<SourceSpliterator<T>> spliterators = new ArrayList<>();

	private long openNanos;

	private boolean reported;

	private Observation observation;

	SourceTimer(String collectorName, Collector<T> collector, SourceInvoker sourceInvoker, CollectionObserver observer,
			CollectorObservations observations, CollectionRequest request) {
		this.collectorName = collectorName;
		this.collector = collector;
		this.sourceInvoker = sourceInvoker;
		this.observer = observer;
		this.observations = observations;
		this.request = request;
	}

	Stream<T> open() {
		this.observation = this.observations
			.source(this.collectorName, this.request.runId(), this.request.from(), this.request.to(),
					this.request.symbols())
			.start();
		if (this.collector.collectsPerSymbol()) {
			List<String> symbols = !this.request.symbols().isEmpty() ? List.copyOf(this.request.symbols())
					: List.copyOf(this.collector.symbols());
			if (!symbols.isEmpty()) {
				return perSymbol(symbols.stream().sorted().toList());
			}
		}
		return single(this.request);
	}

	@SuppressWarnings("unchecked")
	private Stream<T> single(CollectionRequest call) {
		long start = System.nanoTime();
		Stream<T> stream;
		Observation observation = this.observation;
		try {
			// the source's own calls (an HTTP client's) are children of
			// collector.source, on whichever thread the invoker makes the attempt
			stream = (Stream<T>) this.sourceInvoker.open(() -> {
				try (Observation.Scope scope = observation.openScope()) {
					return this.collector.collect(call);
				}
			});
		}
		catch (Exception ex) {
			throw new SourceException(ex);
		}
		finally {
			this.openNanos += System.nanoTime() - start;
		}
		if (stream == null) {
			return Stream.empty();
		}
		SourceSpliterator<T> spliterator = new SourceSpliterator<>(stream.spliterator());
		this.spliterators.add(spliterator);
		return StreamSupport.stream(spliterator, false).onClose(stream::close);
	}

	/**
	 * One call of the collector per symbol, each read to its end before the next one
	 * opens; a symbol whose call or stream fails is a part failure. When every symbol
	 * failed, the source failed as a whole.
	 */
	private Stream<T> perSymbol(List<String> symbols) {
		int before = this.request.failures().count();
		Iterator<String> pending = symbols.iterator();
		Spliterator<T> parts = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE, Spliterator.ORDERED) {

			private Iterator<T> current;

			private Stream<T> open;

			private String symbol;

			@Override
			public boolean tryAdvance(Consumer<? super T> action) {
				while (true) {
					if (this.current == null) {
						if (!pending.hasNext()) {
							if (request.failures().count() - before == symbols.size()) {
								throw new SourceException(new IllegalStateException("every symbol failed ("
										+ symbols.size() + "), e.g. " + request.failures().since(before).get(0)));
							}
							return false;
						}
						this.symbol = pending.next();
						try {
							this.open = single(request.forSymbol(this.symbol));
							this.current = this.open.iterator();
						}
						catch (SourceException ex) {
							request.failed(this.symbol, ex);
							continue;
						}
					}
					try {
						if (this.current.hasNext()) {
							action.accept(this.current.next());
							return true;
						}
					}
					catch (SourceException ex) {
						request.failed(this.symbol, ex);
					}
					close();
				}
			}

			private void close() {
				Stream<T> stream = this.open;
				this.current = null;
				this.open = null;
				if (stream != null) {
					stream.close();
				}
			}

		};
		return StreamSupport.stream(parts, false);
	}

	void finished(Throwable failure) {
		if (!this.reported) {
			this.reported = true;
			long nanos = this.openNanos
					+ this.spliterators.stream().mapToLong((spliterator) -> spliterator.nanos).sum();
			this.observer.sourceCalled(this.request, failure, Duration.ofNanos(nanos));
			if (failure != null && this.observation != null) {
				this.observation.error(failure);
			}
			stop();
		}
	}

	/**
	 * End the source's observation, once; a run that failed downstream ends it here.
	 */
	void stop() {
		if (this.observation != null) {
			this.observation.stop();
			this.observation = null;
		}
	}

	private static final class SourceSpliterator<T> implements Spliterator<T> {

		private final Spliterator<T> delegate;

		private Object next;

		long nanos;

		SourceSpliterator(Spliterator<T> delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			// Only the source's own advance is guarded and timed: the action runs the
			// processors and the rest of the pipeline, which are not the source's doing.
			long start = System.nanoTime();
			boolean advanced;
			try {
				advanced = this.delegate.tryAdvance((item) -> this.next = item);
			}
			catch (RuntimeException ex) {
				throw new SourceException(ex);
			}
			finally {
				this.nanos += System.nanoTime() - start;
			}
			if (advanced) {
				@SuppressWarnings("unchecked")
				T item = (T) this.next;
				this.next = null;
				action.accept(item);
			}
			return advanced;
		}

		@Override
		public Spliterator<T> trySplit() {
			return null;
		}

		@Override
		public long estimateSize() {
			return this.delegate.estimateSize();
		}

		@Override
		public int characteristics() {
			return this.delegate.characteristics() & ~(Spliterator.SIZED | Spliterator.SUBSIZED);
		}

	}

}
