package dev.collector.sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.collector.collect.WriteResult;
import dev.collector.fixtures.Reading;
import dev.collector.test.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class FileRecordSinkTests {

	private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");

	private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(T0);

	@Test
	void jsonLinesWritesOneObjectPerLineAndReportsEveryRecordInserted() throws Exception {
		try (JsonLinesRecordSink<Reading> sink = jsonl(1_000_000)) {
			WriteResult<Reading> result = sink.write(List.of(Reading.of("s1", T0, 1.5), Reading.of("s2", T0, 2)));
			assertThat(result).isEqualTo(WriteResult.of(2, 0));
			assertThat(sink.currentFile()).isEqualTo(this.directory.resolve("news-2026-02-01-0.jsonl"));
			List<String> lines = Files.readAllLines(sink.currentFile());
			assertThat(lines).hasSize(2);
			Map<String, Object> first = this.mapper.readValue(lines.get(0),
					new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() {
					});
			assertThat(first).containsEntry("sensor", "s1")
				.containsEntry("takenAt", "2026-02-01T10:00:00Z")
				.containsEntry("celsius", 1.5);
		}
	}

	@Test
	void startsANewFileWhenTheCurrentOneIsFullAndNeverSplitsABatch() throws Exception {
		try (JsonLinesRecordSink<Reading> sink = jsonl(100)) {
			sink.write(List.of(Reading.of("s1", T0, 1), Reading.of("s2", T0, 2)));
			sink.write(List.of(Reading.of("s3", T0, 3)));
			assertThat(Files.readAllLines(this.directory.resolve("news-2026-02-01-0.jsonl"))).hasSize(2);
			assertThat(Files.readAllLines(this.directory.resolve("news-2026-02-01-1.jsonl"))).hasSize(1);
		}
	}

	@Test
	void startsANewFileEveryDay() throws Exception {
		try (JsonLinesRecordSink<Reading> sink = jsonl(1_000_000)) {
			sink.write(List.of(Reading.of("s1", T0, 1)));
			this.clock.setInstant(Instant.parse("2026-02-02T00:00:01Z"));
			sink.write(List.of(Reading.of("s2", T0, 2)));
			assertThat(Files.readAllLines(this.directory.resolve("news-2026-02-01-0.jsonl"))).hasSize(1);
			assertThat(Files.readAllLines(this.directory.resolve("news-2026-02-02-0.jsonl"))).hasSize(1);
		}
	}

	@Test
	void aRestartedSinkAppendsToTheDaysLatestFile() throws Exception {
		try (JsonLinesRecordSink<Reading> sink = jsonl(100)) {
			sink.write(List.of(Reading.of("s1", T0, 1), Reading.of("s2", T0, 2)));
			sink.write(List.of(Reading.of("s3", T0, 3)));
		}
		try (JsonLinesRecordSink<Reading> sink = jsonl(100)) {
			sink.write(List.of(Reading.of("s4", T0, 4)));
			assertThat(sink.currentFile().getFileName().toString()).isEqualTo("news-2026-02-01-1.jsonl");
			assertThat(Files.readAllLines(sink.currentFile())).hasSize(2);
		}
	}

	@Test
	void csvWritesAHeaderPerFileAndQuotesWhereNeeded() throws Exception {
		try (CsvRecordSink<Reading> sink = new CsvRecordSink<>(this.mapper, this.directory, "news", 1_000_000, true,
				true, this.clock)) {
			sink.write(List.of(Reading.of("a,b", T0, 1), Reading.of("say \"hi\"", T0, 2)));
			sink.write(List.of(Reading.of("s3", T0, 3)));
			assertThat(Files.readString(sink.currentFile()))
				.isEqualTo("sensor,takenAt,celsius,ingestedAt\r\n" + "\"a,b\",2026-02-01T10:00:00Z,1.0,\r\n"
						+ "\"say \"\"hi\"\"\",2026-02-01T10:00:00Z,2.0,\r\n" + "s3,2026-02-01T10:00:00Z,3.0,\r\n");
		}
	}

	@Test
	void aSinkThatCannotWriteThrows() throws Exception {
		Path notADirectory = Files.writeString(this.directory.resolve("taken"), "x");
		try (JsonLinesRecordSink<Reading> sink = new JsonLinesRecordSink<>(this.mapper, notADirectory, "news", 100,
				true, true, this.clock)) {
			assertThatIOException().isThrownBy(() -> sink.write(List.of(Reading.of("s1", T0, 1))));
		}
	}

	private JsonLinesRecordSink<Reading> jsonl(long maxBytes) {
		return new JsonLinesRecordSink<>(this.mapper, this.directory, "news", maxBytes, true, true, this.clock);
	}

}
