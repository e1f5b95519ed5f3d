package dev.collector.jdbc;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import dev.collector.collect.WriteResult.RejectedRecord;
import dev.collector.collect.WriteResult;
import dev.collector.jdbc.SinkItem.Kind;
import dev.collector.test.AbstractRecordSinkContractTests;
import dev.collector.testdb.TestDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link JdbcRecordSink} on a real database: the published sink contract
 * ({@link AbstractRecordSinkContractTests}) and what only the JDBC sink promises; each
 * subclass names one {@link TestDatabase}. Every count is checked against what the table
 * really holds.
 */
abstract class AbstractJdbcRecordSinkTests extends AbstractJdbcRecordSinkFixture {

	/** PostgreSQL and H2: "value too long"; MariaDB (INSERT IGNORE): "Data truncated". */
	private static final Pattern TOO_LONG = Pattern.compile("(?is).*(too long|data truncated).*");

	protected AbstractJdbcRecordSinkTests(TestDatabase database) {
		super(database);
	}

	protected AbstractJdbcRecordSinkTests(TestDatabase database, boolean postgresqlCopy) {
		super(database, postgresqlCopy);
	}

	@Test
	void detectsItsPlatform() {
		assertThat(new DatabasePlatform(this.schema.dataSource(), null).id()).isEqualTo(this.database.platform());
	}

	@Test
	void mixedBatchReportsExactCounts() {
		this.sink.write(items("a", 0, 5));
		List<SinkItem> batch = new ArrayList<>(items("a", 3, 10));
		batch.addAll(items("b", 0, 3));
		assertThat(this.sink.write(batch)).isEqualTo(WriteResult.of(8, 2));
		assertThat(count()).isEqualTo(13);
	}

	@Test
	void sameKeyTwiceInOneBatchIsStoredOnceAsTheFirstOne() {
		SinkItem first = SinkItem.of("a", 1);
		SinkItem sameKey = first.withTitle("another title");
		List<SinkItem> batch = List.of(first, SinkItem.of("a", 2), sameKey, SinkItem.of("a", 3), first);
		// both duplicates repeat a record of the same batch: the source delivered them
		// twice
		assertThat(this.sink.write(batch)).isEqualTo(new WriteResult<>(3, 2, List.of(), 2));
		assertThat(stored()).containsExactly(first, SinkItem.of("a", 2), SinkItem.of("a", 3));
	}

	@Test
	void sameKeyRepeatedInALaterBatchIsStoredOnceAsTheFirstOne() {
		// after the first write the sink knows the database's way (MariaDB: bulk
		// command),
		// and on H2 and MariaDB leaves repeated keys to the database to skip and count
		this.sink.write(items("a", 0, 2));
		SinkItem first = SinkItem.of("b", 1);
		SinkItem sameKey = first.withTitle("another title");
		List<SinkItem> batch = List.of(first, SinkItem.of("a", 1), sameKey, SinkItem.of("b", 2), first,
				SinkItem.of("a", 5));
		// a1 was stored before (fetched again); the two b1 repeat one of this batch
		assertThat(this.sink.write(batch)).isEqualTo(new WriteResult<>(3, 3, List.of(), 2));
		assertThat(stored()).containsExactlyInAnyOrder(SinkItem.of("a", 0), SinkItem.of("a", 1), first,
				SinkItem.of("b", 2), SinkItem.of("a", 5));
	}

	@Test
	void repeatedKeyNextToARefusedRecordIsCountedOnceAndTheRestIsStored() {
		this.sink.write(items("a", 0, 2));
		SinkItem tooLong = SinkItem.of("c", 9).withTitle("y".repeat(SinkItem.TITLE_LENGTH + 10));
		SinkItem repeated = SinkItem.of("c", 1);
		List<SinkItem> batch = List.of(repeated, tooLong, repeated, SinkItem.of("c", 2));
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(2);
		assertThat(result.duplicates()).isEqualTo(1);
		assertThat(result.rejected()).extracting(RejectedRecord::record).containsExactly(tooLong);
		assertThat(count()).isEqualTo(4);
	}

	@Test
	void batchLargerThanOneStatementIsCountedExactly() {
		List<SinkItem> first = items("a", 0, 2500);
		assertThat(this.sink.write(first)).isEqualTo(WriteResult.of(2500, 0));
		List<SinkItem> overlapping = items("a", 1250, 3750);
		assertThat(this.sink.write(overlapping)).isEqualTo(WriteResult.of(1250, 1250));
		assertThat(count()).isEqualTo(3750);
		assertThat(this.schema.jdbcTemplate().queryForObject("SELECT MAX(seq) FROM sink_item", Long.class))
			.isEqualTo(3749);
	}

	@Test
	void duplicatesAcrossManyBatchesAreCountedExactly() {
		long inserted = 0;
		long duplicates = 0;
		for (int batch = 0; batch < 20; batch++) {
			// each batch repeats the second half of the previous one and repeats a key
			// inside itself
			List<SinkItem> records = new ArrayList<>(items("a", batch * 50L, batch * 50L + 100));
			records.add(records.get(0));
			WriteResult<SinkItem> result = this.sink.write(records);
			inserted += result.inserted();
			duplicates += result.duplicates();
			assertThat(result.inserted() + result.duplicates()).isEqualTo(records.size());
		}
		assertThat(inserted).isEqualTo(19 * 50 + 100).isEqualTo(count());
		assertThat(duplicates).isEqualTo(20 * 101 - inserted);
	}

	@Test
	void concurrentWritersOfOverlappingBatchesStoreAndCountEachRecordOnce() throws Exception {
		int writers = 3;
		ExecutorService executor = Executors.newFixedThreadPool(writers);
		try {
			List<Future<long[]>> futures = new ArrayList<>();
			for (int writer = 0; writer < writers; writer++) {
				int offset = writer * 100;
				futures.add(executor.submit(() -> {
					long[] counts = new long[2];
					for (int batch = 0; batch < 10; batch++) {
						// every writer covers the others' keys too, in another order
						WriteResult<SinkItem> result = this.sink
							.write(items("a", offset + batch * 60L, offset + batch * 60L + 300));
						counts[0] += result.inserted();
						counts[1] += result.duplicates();
						assertThat(result.rejected()).isEmpty();
					}
					return counts;
				}));
			}
			long inserted = 0;
			long duplicates = 0;
			for (Future<long[]> future : futures) {
				long[] counts = future.get(60, TimeUnit.SECONDS);
				inserted += counts[0];
				duplicates += counts[1];
			}
			long distinct = (writers - 1) * 100 + 9 * 60 + 300;
			assertThat(count()).isEqualTo(distinct);
			assertThat(inserted).isEqualTo(distinct);
			assertThat(duplicates).isEqualTo(writers * 10 * 300 - distinct);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void textWithTabsNewlinesBackslashesAndNullMarkersRoundTrips() {
		List<SinkItem> batch = List.of(SinkItem.of("a", 1).withTitle("tab\there\nnew\\N"),
				SinkItem.of("a", 2).withTitle("\\N"), SinkItem.of("a", 3).withTitle("line\nbreak\r\tend\\"),
				SinkItem.of("a", 4).withTitle("\\."), SinkItem.of("a", 5).withTitle(""));
		assertThat(this.sink.write(batch)).isEqualTo(WriteResult.of(5, 0));
		assertThat(stored()).containsExactlyElementsOf(batch);
	}

	@Test
	void nullValuesAreStoredAsNull() {
		SinkItem item = new SinkItem("a", 1, SinkItem.BASE, null, null, null, null);
		assertThat(this.sink.write(List.of(item))).isEqualTo(WriteResult.of(1, 0));
		assertThat(stored()).containsExactly(item);
		Integer nulls = this.schema.jdbcTemplate()
			.queryForObject("SELECT COUNT(*) FROM sink_item WHERE title IS NULL AND kind IS NULL AND price IS NULL "
					+ "AND score IS NULL", Integer.class);
		assertThat(nulls).isOne();
	}

	@Test
	void instantsEnumsAndDecimalsRoundTrip() {
		SinkItem item = new SinkItem("a", 42, Instant.parse("2023-10-29T01:30:00.654321Z"), "Ünïcödé – 日本語",
				Kind.ANALYSIS, new BigDecimal("1234567890.12"), 0);
		List<SinkItem> batch = new ArrayList<>(List.of(item));
		if (this.database.keepsEveryInstant()) {
			// the same local time as the first one in central Europe, an hour earlier
			batch.add(new SinkItem("a", 43, Instant.parse("2023-10-29T00:30:00.654321Z"), null, Kind.NEWS, null, 1));
		}
		assertThat(this.sink.write(batch).inserted()).isEqualTo(batch.size());
		assertThat(stored()).containsExactlyElementsOf(batch);
		assertThat(this.schema.jdbcTemplate().queryForObject("SELECT kind FROM sink_item WHERE seq = 42", String.class))
			.isEqualTo("ANALYSIS");
		assertThat(this.schema.jdbcTemplate()
			.queryForObject("SELECT seq FROM sink_item WHERE published_at = ?", Long.class,
					JdbcRecordSink.parameter(item.publishedAt())))
			.isEqualTo(42);
	}

	@Test
	void valueTooLongIsRejectedWithTheDatabaseReasonAndTheRestIsStored() {
		SinkItem tooLong = SinkItem.of("a", 2).withTitle("x".repeat(SinkItem.TITLE_LENGTH + 1));
		List<SinkItem> batch = List.of(SinkItem.of("a", 0), SinkItem.of("a", 1), tooLong, SinkItem.of("a", 3));
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(3);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.record()).isEqualTo(tooLong);
			assertThat(rejected.reason()).matches(TOO_LONG);
		});
		assertThat(stored()).extracting(SinkItem::seq).containsExactly(0L, 1L, 3L);
	}

	@Test
	void checkConstraintViolationIsRejectedWithTheDatabaseReason() {
		SinkItem negative = SinkItem.of("a", 1).withScore(-1);
		WriteResult<SinkItem> result = this.sink.write(List.of(SinkItem.of("a", 0), negative, SinkItem.of("a", 2)));
		assertThat(result.inserted()).isEqualTo(2);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).extracting(RejectedRecord::record).containsExactly(negative);
		assertThat(result.rejected().get(0).reason()).containsIgnoringCase("score_not_negative");
		assertThat(stored()).extracting(SinkItem::seq).containsExactly(0L, 2L);
	}

	@Test
	void nullInANotNullColumnIsRejectedNotReplacedByADefault() {
		SinkItem noTime = new SinkItem("a", 1, null, "t", Kind.NEWS, null, 1);
		WriteResult<SinkItem> result = this.sink.write(List.of(SinkItem.of("a", 0), noTime));
		assertThat(result.inserted()).isOne();
		assertThat(result.rejected()).extracting(RejectedRecord::record).containsExactly(noTime);
		assertThat(result.rejected().get(0).reason()).containsIgnoringCase("published_at");
		assertThat(stored()).extracting(SinkItem::seq).containsExactly(0L);
	}

	@Test
	void rejectedDuplicateAndNewRecordsInOneBatchAreEachCounted() {
		this.sink.write(items("a", 0, 3));
		SinkItem tooLong = SinkItem.of("b", 9).withTitle("y".repeat(100));
		List<SinkItem> batch = new ArrayList<>(items("a", 0, 5));
		batch.add(tooLong);
		batch.add(SinkItem.of("a", 4));
		batch.add(SinkItem.of("b", 8).withScore(-5));
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(2);
		assertThat(result.duplicates()).isEqualTo(4);
		assertThat(result.rejected()).extracting(RejectedRecord::record)
			.containsExactly(tooLong, SinkItem.of("b", 8).withScore(-5));
		assertThat(count()).isEqualTo(5);
	}

	@Test
	void valueTooLongAfterManyDuplicatesInOneStatementIsStillRejected() {
		// MariaDB lists at most max_error_count (by default 64) warnings: the 64 warnings
		// of
		// the duplicates must not hide the one of a value that INSERT IGNORE truncates
		this.sink.write(items("a", 0, 64));
		SinkItem tooLong = SinkItem.of("a", 500).withTitle("z".repeat(SinkItem.TITLE_LENGTH + 10));
		List<SinkItem> batch = new ArrayList<>(items("a", 0, 64));
		batch.add(tooLong);
		batch.add(SinkItem.of("a", 501));
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(1);
		assertThat(result.duplicates()).isEqualTo(64);
		assertThat(result.rejected()).singleElement().satisfies((rejected) -> {
			assertThat(rejected.record()).isEqualTo(tooLong);
			assertThat(rejected.reason()).matches(TOO_LONG);
		});
		assertThat(count()).isEqualTo(65);
		assertThat(this.schema.jdbcTemplate()
			.queryForObject("SELECT COUNT(*) FROM sink_item WHERE seq = 500", Integer.class)).isZero();
	}

	@Test
	void checkViolationAfterManyDuplicatesInOneStatementIsStillRejected() {
		// MariaDB's INSERT IGNORE skips a row that fails a CHECK constraint, like a
		// duplicate:
		// only its warning tells it apart, even when the duplicates' warnings come first
		this.sink.write(items("a", 0, 100));
		SinkItem negative = SinkItem.of("a", 500).withScore(-1);
		List<SinkItem> batch = new ArrayList<>(items("a", 0, 100));
		batch.add(negative);
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isZero();
		assertThat(result.duplicates()).isEqualTo(100);
		assertThat(result.rejected()).extracting(RejectedRecord::record).containsExactly(negative);
		assertThat(count()).isEqualTo(100);
	}

	@Test
	void oneBadRecordInALargeBatchRejectsOnlyIt() {
		List<SinkItem> batch = new ArrayList<>(items("a", 0, 2500));
		SinkItem bad = batch.get(2400).withScore(-1);
		batch.set(2400, bad);
		WriteResult<SinkItem> result = this.sink.write(batch);
		assertThat(result.inserted()).isEqualTo(2499);
		assertThat(result.duplicates()).isZero();
		assertThat(result.rejected()).extracting(RejectedRecord::record).containsExactly(bad);
		assertThat(count()).isEqualTo(2499);
	}

	@Test
	void missingTableFailsTheWholeWrite() {
		this.sink.write(items("a", 0, 3));
		this.schema.jdbcTemplate().execute("DROP TABLE sink_item");
		assertThatThrownBy(() -> this.sink.write(items("a", 0, 5))).isInstanceOf(DataAccessException.class)
			.isNotInstanceOf(DataIntegrityViolationException.class);
	}

	@Test
	void lostConnectionFailsTheWholeWriteAndStoresNothing() throws SQLException {
		Connection connection = this.schema.dataSource().getConnection();
		SingleConnectionDataSource lost = new SingleConnectionDataSource(connection, true);
		connection.close();
		JdbcRecordSink<SinkItem> broken = sink(new JdbcTemplate(lost),
				new TransactionTemplate(new DataSourceTransactionManager(lost)));
		assertThatThrownBy(() -> broken.write(items("a", 0, 5))).isInstanceOf(RuntimeException.class)
			.isNotInstanceOf(DataIntegrityViolationException.class);
		assertThat(count()).isZero();
	}

	static List<SinkItem> items(String feed, long fromInclusive, long toExclusive) {
		return LongStream.range(fromInclusive, toExclusive).mapToObj((seq) -> SinkItem.of(feed, seq)).toList();
	}

	protected long count() {
		Long count = this.schema.jdbcTemplate().queryForObject("SELECT COUNT(*) FROM sink_item", Long.class);
		return (count != null) ? count : 0;
	}

}
