package dev.collector.jdbc;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;

import dev.collector.schema.RecordSchema;

/**
 * Inserts rows on H2 with a JDBC batch of plain single-row {@code INSERT}s, as fast as a
 * hand-written batch insert. H2 runs every statement of a batch even when some fail,
 * undoes only the failed ones and reports each statement's result: a statement refused
 * for its key (SQLState 23505) is a duplicate, counted by the database and not guessed,
 * and the others are inserted. Any other failure is thrown, so the caller rolls the batch
 * back. Measured in {@code benchmarks/} against a multi-row
 * {@code MERGE ... WHEN NOT MATCHED}, which looks up every key before inserting it.
 */
final class H2BatchInserter implements RowInserter {

	private static final String DUPLICATE_KEY = "23505";

	private final String sql;

	H2BatchInserter(RecordSchema<?> schema) {
		this.sql = "INSERT INTO " + schema.table() + " (" + String.join(", ", schema.columns()) + ") VALUES ("
				+ String.join(", ", Collections.nCopies(schema.columns().size(), "?")) + ")";
	}

	/**
	 * Every row is a statement of its own: a key repeated in the batch fails with 23505
	 * like a stored one, and is counted as a duplicate.
	 */
	@Override
	public boolean countsRepeatedKeys() {
		return true;
	}

	@Override
	public long insert(Connection connection, List<Object[]> rows) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(this.sql)) {
			for (Object[] row : rows) {
				for (int i = 0; i < row.length; i++) {
					MultiRowInserter.bind(statement, i + 1, row[i]);
				}
				statement.addBatch();
			}
			try {
				return inserted(statement.executeBatch());
			}
			catch (BatchUpdateException ex) {
				return insertedUnlessRefused(ex);
			}
		}
	}

	private static long insertedUnlessRefused(BatchUpdateException ex) throws SQLException {
		int[] counts = ex.getUpdateCounts();
		long failed = 0;
		for (int count : counts) {
			if (count == Statement.EXECUTE_FAILED) {
				failed++;
			}
		}
		long duplicates = 0;
		for (SQLException failure = ex.getNextException(); failure != null; failure = failure.getNextException()) {
			if (!DUPLICATE_KEY.equals(failure.getSQLState())) {
				throw failure;
			}
			duplicates++;
		}
		if (duplicates != failed || failed == 0) {
			// not the batch H2 is known to report: let the caller roll it back
			throw ex;
		}
		return inserted(counts);
	}

	private static long inserted(int[] counts) throws SQLException {
		long inserted = 0;
		for (int count : counts) {
			if (count > 0) {
				inserted += count;
			}
			else if (count != 0 && count != Statement.EXECUTE_FAILED) {
				throw new SQLException("Unexpected update count " + count + " in a batch");
			}
		}
		return inserted;
	}

}
