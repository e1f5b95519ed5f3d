package dev.collector.database;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseFailuresTests {

	@Test
	void connectionFailuresAtAnyDepthMeanTheDatabaseIsUnavailable() {
		assertThat(DatabaseFailures.isUnavailable(new SQLTransientConnectionException("pool timeout"))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(new SQLNonTransientConnectionException("refused"))).isTrue();
		assertThat(DatabaseFailures
			.isUnavailable(new CannotGetJdbcConnectionException("no connection", new SQLException("x")))).isTrue();
		assertThat(DatabaseFailures
			.isUnavailable(new RuntimeException("db-scheduler", new SQLException("I/O error", "08006")))).isTrue();
		assertThat(DatabaseFailures.isUnavailable(
				new DatabaseUnavailableException(new DatabaseState(false, "gone", Instant.now(), null, Instant.now()))))
			.isTrue();
		assertThat(DatabaseFailures.isUnavailable(new RuntimeException(
				new SQLException("Interrupted during connection acquisition", new InterruptedException()))))
			.isTrue();
	}

	@Test
	void otherDatabaseErrorsAreNot() {
		assertThat(DatabaseFailures.isUnavailable(new SQLSyntaxErrorException("bad SQL", "42601"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new DataIntegrityViolationException("duplicate"))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new IllegalStateException(new InterruptedException()))).isFalse();
		assertThat(DatabaseFailures.isUnavailable(new IllegalStateException("plain"))).isFalse();
	}

}
