package dev.collector.paging;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.Trigger;
import dev.collector.collect.WriteResult;

/**
 * Lets a retried backfill request resume its paged sources ({@link Pages}) where they
 * stood at the last committed batch: it opens a {@link PagingRun} on the reading thread
 * when a backfill request calls its source, keeps the run's snapshot in the
 * {@link PageResumeStore} each time a batch has committed, and forgets it when the
 * request succeeds. Nothing else of the run (checkpoint, ledger, history) depends on it:
 * without it a retry starts from the first page and its stored records come back as
 * duplicates.
 * <p>
 * A request is recognised by the collector, its window, its symbols and {@code force}: a
 * backfill chunk that db-scheduler retries asks for exactly the same, while one that
 * covered some periods in between asks for less, and starts over.
 */
public class PageResumeObserver implements CollectionObserver {

	private static final Log logger = LogFactory.getLog(PageResumeObserver.class);

	private final String collector;

	private final PageResumeStore store;

	private final ThreadLocal<String> requestKey = new ThreadLocal<>();

	public PageResumeObserver(String collector, PageResumeStore store) {
		this.collector = collector;
		this.store = store;
	}

	@Override
	public void sourceOpening(CollectionRequest request) {
		PagingRun.end();
		this.requestKey.remove();
		if (request.trigger() != Trigger.BACKFILL || request.dryRun()) {
			return;
		}
		String key = key(this.collector, request);
		String saved = this.store.load(this.collector, key);
		if (saved != null) {
			logger.info("Paged source resumes where the last attempt of this request committed: "
					+ saved.strip().replace('\n', ','));
		}
		this.requestKey.set(key);
		PagingRun.begin(new PagingRun(saved, request.symbols().size() <= 1));
	}

	@Override
	public void batchSubmitted(CollectionRequest request) {
		PagingRun run = PagingRun.current();
		if (run != null) {
			run.batchSubmitted();
		}
	}

	@Override
	public void batchWritten(CollectionRequest request, WriteResult<?> result, Duration took) {
		PagingRun run = PagingRun.current();
		String key = this.requestKey.get();
		if (run != null && key != null) {
			String snapshot = run.batchEnded();
			if (snapshot != null) {
				this.store.save(this.collector, key, snapshot);
			}
		}
	}

	@Override
	public void batchFailed(CollectionRequest request, Throwable failure, Duration took) {
		PagingRun run = PagingRun.current();
		if (run != null) {
			run.batchEnded();
		}
	}

	@Override
	public void runFinished(CollectionResult result) {
		String key = this.requestKey.get();
		try {
			if (key != null && result.succeeded()) {
				this.store.delete(this.collector, key);
			}
		}
		finally {
			this.requestKey.remove();
			PagingRun.end();
		}
	}

	static String key(String collector, CollectionRequest request) {
		String identity = collector + '\n' + request.from() + '\n' + request.to() + '\n'
				+ String.join(",", request.symbols().stream().sorted().toList()) + '\n' + request.force();
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(identity.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
