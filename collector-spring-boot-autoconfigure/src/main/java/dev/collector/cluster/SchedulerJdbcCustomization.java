package dev.collector.cluster;

import java.sql.DatabaseMetaData;
import java.util.Locale;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * How db-scheduler talks to the database, timestamps always in UTC. db-scheduler detects
 * PostgreSQL, MariaDB, MySQL, SQL Server and Oracle; for H2 it has no overrides and says
 * so in a warning at every start ("No database-specific jdbc-overrides applied"), so H2
 * is given the default customization that detection would end with anyway. Public for the
 * backfill's scheduler client, which adds executions to the same table.
 */
public final class SchedulerJdbcCustomization {

	private SchedulerJdbcCustomization() {
	}

	/**
	 * The customization for the given database.
	 * @param dataSource the collector's database
	 * @return the customization, timestamps in UTC
	 */
	public static JdbcCustomization of(DataSource dataSource) {
		if (isH2(dataSource)) {
			return new DefaultJdbcCustomization(true);
		}
		return new AutodetectJdbcCustomization(dataSource, true);
	}

	private static boolean isH2(DataSource dataSource) {
		try {
			String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
			return product != null && product.toLowerCase(Locale.ROOT).contains("h2");
		}
		catch (MetaDataAccessException ex) {
			// let db-scheduler detect (and report) it
			return false;
		}
	}

}
