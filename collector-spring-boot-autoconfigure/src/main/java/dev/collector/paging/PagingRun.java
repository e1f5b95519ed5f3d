package dev.collector.paging;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where the paged sources of one run stand, on the thread that reads them: which page
 * each one is reading, which have ended. A snapshot is taken when a batch is handed to
 * the sink, and kept (by {@link PageResumeObserver}) once that batch committed: every
 * record of the pages before the one being read is then stored. A retry of the same
 * request starts from the snapshot.
 * <p>
 * Sources are told apart by name ({@link Pages#each}); an unnamed source resumes only
 * when it is the only one of its run and the request is for at most one symbol, since the
 * order in which unnamed sources start is not known to be the same in the retry.
 */
final class PagingRun {

	private static final ThreadLocal<PagingRun> CURRENT = new ThreadLocal<>();

	private static final ThreadLocal<String> NAME = new ThreadLocal<>();

	private static final String UNNAMED = "";

	private final Map<String, Position> saved;

	private final boolean unnamedMayResume;

	private final Map<String, Position> positions = new LinkedHashMap<>();

	private final Deque<String> submitted = new ArrayDeque<>();

	private boolean ambiguous;

	PagingRun(String saved, boolean unnamedMayResume) {
		this.saved = decode(saved);
		this.unnamedMayResume = unnamedMayResume;
	}

	static void begin(PagingRun run) {
		CURRENT.set(run);
	}

	static PagingRun current() {
		return CURRENT.get();
	}

	static void end() {
		CURRENT.remove();
	}

	static String currentName() {
		String name = NAME.get();
		return (name != null) ? name : UNNAMED;
	}

	/**
	 * Create the paged sources of one key under its name.
	 */
	static <S> S named(String name, Supplier<S> source) {
		String previous = NAME.get();
		NAME.set(name);
		try {
			return source.get();
		}
		finally {
			if (previous != null) {
				NAME.set(previous);
			}
			else {
				NAME.remove();
			}
		}
	}

	/**
	 * A paged source starts reading: where it stands, resumed where the snapshot says.
	 * Outside a run (no collector around it, a live run) it is a position nobody keeps.
	 */
	static Position register(String name) {
		PagingRun run = CURRENT.get();
		return (run != null) ? run.add(name) : new Position(null, false);
	}

	private Position add(String name) {
		if (this.positions.containsKey(name)) {
			// two sources of the same name: which was where cannot be told apart
			this.ambiguous = true;
			return new Position(null, false);
		}
		Position saved = (!UNNAMED.equals(name) || this.unnamedMayResume) ? this.saved.get(name) : null;
		Position position = (saved != null) ? new Position(saved.current, saved.done) : new Position(null, false);
		position.resumeAt = position.current;
		this.positions.put(name, position);
		return position;
	}

	/** A batch is handed to the sink: remember where the sources stand. */
	void batchSubmitted() {
		this.submitted.add(snapshot());
	}

	/**
	 * The oldest batch handed to the sink has ended.
	 * @return the snapshot taken when it was handed over; {@code null} for none or when
	 * the sources cannot be told apart
	 */
	String batchEnded() {
		String snapshot = this.submitted.poll();
		return (snapshot == null || snapshot.isEmpty()) ? null : snapshot;
	}

	private String snapshot() {
		if (this.ambiguous) {
			return "";
		}
		Map<String, Position> all = new LinkedHashMap<>(this.saved);
		all.putAll(this.positions);
		return encode(all);
	}

	private static String encode(Map<String, Position> positions) {
		StringBuilder text = new StringBuilder();
		positions.forEach((name, position) -> {
			text.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append(position.done ? " done" : " at");
			if (!position.done && position.current != null) {
				text.append(' ').append(URLEncoder.encode(position.current, StandardCharsets.UTF_8));
			}
			text.append('\n');
		});
		return text.toString();
	}

	private static Map<String, Position> decode(String text) {
		Map<String, Position> positions = new LinkedHashMap<>();
		if (text == null) {
			return positions;
		}
		for (String line : text.split("\n")) {
			String[] parts = line.split(" ");
			if (parts.length < 2) {
				continue;
			}
			String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
			boolean done = "done".equals(parts[1]);
			String token = (parts.length > 2) ? URLDecoder.decode(parts[2], StandardCharsets.UTF_8) : null;
			positions.put(name, new Position(token, done));
		}
		return positions;
	}

	/**
	 * Where one paged source stands.
	 */
	static final class Position {

		private String current;

		private boolean done;

		private String resumeAt;

		Position(String current, boolean done) {
			this.current = current;
			this.done = done;
		}

		/** The page to start at instead of the first, {@code null} for the first. */
		String resumeAt() {
			return this.resumeAt;
		}

		boolean done() {
			return this.done;
		}

		/** The source fetches (and then reads) the page of this token. */
		void at(String token) {
			this.current = token;
		}

		void done(boolean done) {
			this.done = done;
		}

	}

}
