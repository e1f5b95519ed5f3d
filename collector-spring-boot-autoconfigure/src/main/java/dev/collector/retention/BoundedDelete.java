package dev.collector.retention;

import java.util.Locale;

/**
 * One {@code DELETE} of at most n rows, the way each database can bound it, so that a
 * purge statement locks few rows and commits quickly however many rows are old.
 */
enum BoundedDelete {

	/**
	 * PostgreSQL has no {@code DELETE ... LIMIT}: the rows are chosen by their physical
	 * address. The condition is repeated outside, since on a partitioned table a
	 * {@code ctid} is unique per partition only.
	 */
	POSTGRESQL {
		@Override
		String sql(String table, String condition, String orderColumn, int limit) {
			return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + condition
					+ " LIMIT " + limit + ") AND " + condition;
		}

		@Override
		int conditionRepeats() {
			return 2;
		}
	},

	/** MariaDB and MySQL: oldest first, along the index of the order column. */
	MARIADB {
		@Override
		String sql(String table, String condition, String orderColumn, int limit) {
			return "DELETE FROM " + table + " WHERE " + condition + " ORDER BY " + orderColumn + " LIMIT " + limit;
		}
	},

	/** H2: the standard row limit of its {@code DELETE}. */
	H2 {
		@Override
		String sql(String table, String condition, String orderColumn, int limit) {
			return "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST " + limit + " ROWS ONLY";
		}
	};

	/**
	 * The statement deleting at most {@code limit} rows that match a condition.
	 * @param table the table
	 * @param condition SQL condition with {@code ?} parameters
	 * @param orderColumn column to delete along, where the database needs one
	 * @param limit most rows to delete
	 * @return the SQL
	 */
	abstract String sql(String table, String condition, String orderColumn, int limit);

	/**
	 * How many times the statement holds the condition, i.e. its parameters.
	 * @return 1 or 2
	 */
	int conditionRepeats() {
		return 1;
	}

	/**
	 * The bounded delete of a database platform.
	 * @param platform h2, postgresql, mariadb or mysql
	 * @return its bounded delete
	 */
	static BoundedDelete forPlatform(String platform) {
		return switch (platform.toLowerCase(Locale.ROOT)) {
			case "postgresql" -> POSTGRESQL;
			case "mariadb", "mysql" -> MARIADB;
			case "h2" -> H2;
			default -> throw new IllegalStateException("No bounded delete for database platform '" + platform
					+ "': the retention purge supports h2, postgresql, mariadb and mysql (set collector.retention.days=0 "
					+ "and the other collector.retention.*-days to 0 to turn it off)");
		};
	}

}
