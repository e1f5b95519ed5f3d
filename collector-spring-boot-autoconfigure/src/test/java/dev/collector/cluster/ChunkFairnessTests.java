package dev.collector.cluster;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

import org.junit.jupiter.api.Test;

import dev.collector.cluster.ChunkFairness.Admission;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one replica's chunk threads are shared between collectors: turns while several
 * wait, every thread for one alone, never more than the threads for chunks.
 */
class ChunkFairnessTests {

	private final Set<String> waiting = new CopyOnWriteArraySet<>();

	@Test
	void aCollectorAloneUsesEveryThreadForChunksButNoMore() {
		ChunkFairness fairness = new ChunkFairness(3, () -> this.waiting);
		this.waiting.add("a");
		assertThat(List.of(fairness.admit("a"), fairness.admit("a"), fairness.admit("a")))
			.containsOnly(Admission.START);
		assertThat(fairness.admit("a")).isEqualTo(Admission.FULL);
		fairness.finished("a");
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
	}

	@Test
	void withOneThreadTwoCollectorsTakeTurns() {
		ChunkFairness fairness = new ChunkFairness(1, () -> this.waiting);
		this.waiting.add("a");
		// a's ten-year backfill started first
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
		this.waiting.add("b");
		assertThat(fairness.admit("b")).isEqualTo(Admission.FULL);
		fairness.finished("a");
		// a's next chunk is older than b's, db-scheduler offers it first: it gives way
		assertThat(fairness.admit("a")).isEqualTo(Admission.GIVE_WAY);
		assertThat(fairness.admit("b")).isEqualTo(Admission.START);
		fairness.finished("b");
		// now a ran less recently than b
		assertThat(fairness.admit("b")).isEqualTo(Admission.GIVE_WAY);
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
		fairness.finished("a");
		// b has nothing more to do: a takes every turn
		this.waiting.remove("b");
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
	}

	@Test
	void withSeveralThreadsEachWaitingCollectorGetsItsShare() {
		ChunkFairness fairness = new ChunkFairness(4, () -> this.waiting);
		this.waiting.add("a");
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
		assertThat(fairness.admit("a")).isEqualTo(Admission.START);
		this.waiting.addAll(List.of("b", "c"));
		// a runs two, b and c none: a gives way until they run as many
		assertThat(fairness.admit("a")).isEqualTo(Admission.GIVE_WAY);
		assertThat(fairness.admit("b")).isEqualTo(Admission.START);
		assertThat(fairness.admit("a")).isEqualTo(Admission.GIVE_WAY);
		assertThat(fairness.admit("c")).isEqualTo(Admission.START);
		assertThat(fairness.running("a")).isEqualTo(2);
		assertThat(fairness.running("b")).isEqualTo(1);
		assertThat(fairness.running("c")).isEqualTo(1);
		assertThat(fairness.admit("b")).isEqualTo(Admission.FULL);
	}

}
