package dev.collector.benchmarks;

import java.time.Instant;
import java.util.UUID;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import dev.collector.schema.CollectedRecord;

/**
 * The workload of the issue: records of about 210 bytes with the unique key (source,
 * guid).
 */
@CollectedRecord(table = "bench_item", key = { "source", "guid" }, timestamp = "publishedAt", symbol = "source")
public record BenchItem(@NotBlank @Size(max = 32) String source, @NotBlank @Size(max = 64) String guid,
		@NotNull Instant publishedAt, @NotBlank @Size(max = 200) String title, @Size(max = 200) String url) {

	private static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

	private static final String PADDING = " - market update with a headline long enough to look like a real one, padded to ninety characters";

	/**
	 * The i-th record of a run: the same i gives the same key.
	 * @param i the index
	 * @return the record
	 */
	public static BenchItem of(long i) {
		return new BenchItem("feed-" + (i % 20), new UUID(0x5eedL, i).toString(), START.plusSeconds(i),
				("Headline " + i + PADDING).substring(0, 90), "https://news.example.com/articles/" + i + "/story");
	}

	public static Stream<BenchItem> range(long from, long to) {
		return LongStream.range(from, to).mapToObj(BenchItem::of);
	}

	/**
	 * The table for a database.
	 * @param platform postgresql, mariadb or h2
	 * @return the DDL
	 */
	public static String createTable(String platform) {
		String timestamp = platform.equals("mariadb") ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
		return "CREATE TABLE bench_item (source VARCHAR(32) NOT NULL, guid VARCHAR(64) NOT NULL, published_at "
				+ timestamp + " NOT NULL, title VARCHAR(200) NOT NULL, url VARCHAR(200), PRIMARY KEY (source, guid))";
	}

}
