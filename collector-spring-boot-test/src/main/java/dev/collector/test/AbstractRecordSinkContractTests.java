package dev.collector.test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.collector.collect.RecordSink;
import dev.collector.collect.WriteResult.RejectedRecord;
import dev.collector.collect.WriteResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The contract every idempotent {@link RecordSink} keeps, as tests: extend this class,
 * say how to build your sink over an empty store, how to make records and how to read the
 * store back, and your sink is checked the way the starter's JDBC sink is on H2,
 * PostgreSQL and MariaDB.
 * <ul>
 * <li>a first write inserts every record;</li>
 * <li>writing the same records again reports them as duplicates and stores nothing
 * twice;</li>
 * <li>the same natural key twice in one batch is stored once;</li>
 * <li>a record the store refuses for its content comes back as rejected, and the rest of
 * the batch is stored;</li>
 * <li>a write that fails throws, and leaves nothing of its batch stored.</li>
 * </ul>
 * <pre class="code">
 * class KafkaSinkContractTests extends AbstractRecordSinkContractTests&lt;Article&gt; {
 *
 *     protected RecordSink&lt;Article&gt; createSink() { ... a sink over a new, empty topic ... }
 *     protected Article record(int index) { return new Article("https://example.com/" + index, ...); }
 *     protected Article withSameKey(Article article) { return article.withTitle("changed"); }
 *     protected List&lt;Article&gt; stored() { ... the compacted topic, read back ... }
 *     protected RecordSink&lt;Article&gt; failingSink() { ... a sink whose broker goes away mid-batch ... }
 *
 * }
 * </pre> A sink that only appends (the starter's JSON-lines and CSV sinks) does not keep
 * this contract: it reports every record as inserted and stores a re-written record
 * again.
 *
 * @param <T> the record type
 */
public abstract class AbstractRecordSinkContractTests<T> {

	private RecordSink<T> sink;

	/**
	 * A sink over an empty store. Called before every test: empty the store here (or in
	 * your own {@code @BeforeEach}, which runs first).
	 * @return the sink under test
	 * @throws Exception when it cannot be built
	 */
	protected abstract RecordSink<T> createSink() throws Exception;

	/**
	 * A valid record; records of different indexes have different natural keys, and the
	 * same index gives an equal record.
	 * @param index from 0
	 * @return the record
	 */
	protected abstract T record(int index);

	/**
	 * A record with the same natural key as the given one and other values.
	 * @param record a record of {@link #record(int)}
	 * @return the other record
	 */
	protected abstract T withSameKey(T record);

	/**
	 * Everything the store holds, read back, in any order; the records must be equal to
	 * the ones written.
	 * @return the stored records
	 * @throws Exception when the store cannot be read
	 */
	protected abstract List<T> stored() throws Exception;

	/**
	 * A sink over the same store whose next write fails part-way through its batch: the
	 * connection drops before the commit, the broker goes away after the first messages.
	 * @return the failing sink
	 * @throws Exception when it cannot be built
	 */
	protected abstract RecordSink<T> failingSink() throws Exception;

	/**
	 * A record that passes Bean Validation but that the store refuses for its content (a
	 * value too long for its column, a constraint), or {@code null} when the store
	 * refuses nothing: the test of rejected records is then skipped.
	 * @return the record, with a natural key no {@link #record(int)} has
	 */
	protected T refusedRecord() {
		return null;
	}

	/**
	 * The sink under test, as {@link #createSink()} built it for this test.
	 * @return the sink
	 */
	protected final RecordSink<T> sink() {
		return this.sink;
	}

	@BeforeEach
	void createSinkOverAnEmptyStore() throws Exception {
		this.sink = createSink();
		assertThat(stored()).as("the store before the test (createSink() must give an empty one)").isEmpty();
	}

	@Test
	void firstWriteInsertsEveryRecord() throws Exception {
		List<T> batch = records(0, 10);
		assertThat(this.sink.write(batch)).isEqualTo(WriteResult.of(10, 0));
		assertThat(stored()).containsExactlyInAnyOrderElementsOf(batch);
	}

	@Test
	void writingTheSameRecordsAgainReportsDuplicatesAndStoresNothingTwice() throws Exception {
		List<T> batch = records(0, 10);
		this.sink.write(batch);
		assertThat(this.sink.write(batch)).as("the same batch again").isEqualTo(WriteResult.of(0, 10));
		List<T> overlapping = records(5, 15);
		assertThat(this.sink.write(overlapping)).as("half of it again, half new").isEqualTo(WriteResult.of(5, 5));
		assertThat(stored()).containsExactlyInAnyOrderElementsOf(records(0, 15));
	}

	@Test
	void sameKeyTwiceInOneBatchIsStoredOnce() throws Exception {
		T first = record(1);
		T sameKey = withSameKey(first);
		assertThat(sameKey).as("withSameKey(record) must differ from the record").isNotEqualTo(first);
		List<T> batch = List.of(record(0), first, sameKey, record(2), first);
		WriteResult<T> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(3);
		assertThat(result.duplicates()).isEqualTo(2);
		assertThat(result.rejected()).isEmpty();
		assertThat(result.repeated()).as("repeated: both duplicates, or 0 when the sink does not tell").isIn(0L, 2L);
		List<T> stored = stored();
		assertThat(stored).hasSize(3).contains(record(0), record(2));
		assertThat(stored).as("one record of the repeated key").containsAnyOf(first, sameKey);
	}

	@Test
	void refusedRecordComesBackAsRejectedAndTheRestIsStored() throws Exception {
		T refused = refusedRecord();
		Assumptions.assumeTrue(refused != null, "this store refuses no record for its content");
		List<T> batch = List.of(record(0), refused, record(2));
		WriteResult<T> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(2);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.record()).isEqualTo(refused);
			assertThat(rejected.reason()).as("the store's reason").isNotBlank();
		});
		assertThat(result.rejected()).extracting(RejectedRecord::record).doesNotContain(record(0), record(2));
		assertThat(stored()).containsExactlyInAnyOrder(record(0), record(2));
	}

	@Test
	void failedWriteThrowsAndLeavesNothingOfItsBatchStored() throws Exception {
		List<T> before = records(0, 3);
		this.sink.write(before);
		List<T> batch = records(3, 13);
		RecordSink<T> failing = failingSink();
		assertThatException().as("a write that cannot store its batch throws").isThrownBy(() -> failing.write(batch));
		assertThat(stored()).as("nothing half-written").containsExactlyInAnyOrderElementsOf(before);
		assertThat(this.sink.write(batch)).as("the batch written again is new").isEqualTo(WriteResult.of(10, 0));
	}

	private List<T> records(int fromInclusive, int toExclusive) {
		return new ArrayList<>(IntStream.range(fromInclusive, toExclusive).mapToObj(this::record).toList());
	}

}
