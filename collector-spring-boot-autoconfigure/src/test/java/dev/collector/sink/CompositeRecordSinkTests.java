package dev.collector.sink;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult;
import dev.collector.fixtures.InMemorySink;
import dev.collector.fixtures.Reading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CompositeRecordSinkTests {

	private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	@Test
	void writesToEverySinkAndAnswersWithTheFirstSinksCounts() throws Exception {
		InMemorySink database = new InMemorySink();
		List<List<Reading>> file = new ArrayList<>();
		CompositeRecordSink<Reading> sink = new CompositeRecordSink<>(List.of(database, recording(file)));
		sink.write(List.of(Reading.of("s1", T0, 1)));
		WriteResult<Reading> second = sink.write(List.of(Reading.of("s1", T0, 1), Reading.of("s2", T0, 2)));
		assertThat(second).isEqualTo(WriteResult.of(1, 1));
		assertThat(file).hasSize(2);
		assertThat(file.get(1)).hasSize(2);
	}

	@Test
	void recordsTheFirstSinkRejectsDoNotReachTheOthers() throws Exception {
		Reading bad = Reading.of("bad", T0, 1);
		Reading good = Reading.of("good", T0, 2);
		RecordSink<Reading> rejecting = (batch) -> new WriteResult<>(1, 0,
				List.of(new WriteResult.RejectedRecord<>(bad, "too long")));
		List<List<Reading>> file = new ArrayList<>();
		CompositeRecordSink<Reading> sink = new CompositeRecordSink<>(List.of(rejecting, recording(file)));
		assertThat(sink.write(List.of(bad, good)).rejected()).hasSize(1);
		assertThat(file).containsExactly(List.of(good));
	}

	@Test
	void aFailingSinkFailsTheWholeBatch() {
		InMemorySink database = new InMemorySink();
		CompositeRecordSink<Reading> sink = new CompositeRecordSink<>(List.of(database, (batch) -> {
			throw new IllegalStateException("disk full");
		}));
		assertThatIllegalStateException().isThrownBy(() -> sink.write(List.of(Reading.of("s1", T0, 1))))
			.withMessage("disk full");
	}

	private static RecordSink<Reading> recording(List<List<Reading>> batches) {
		return (batch) -> {
			batches.add(List.copyOf(batch));
			return WriteResult.of(batch.size(), 0);
		};
	}

}
