package dev.collector.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.util.ClassUtils;

import dev.collector.resilience.CollectorResilience;
import dev.collector.schema.RecordSchema;
import dev.collector.test.support.MutableClock;

/**
 * Puts a collector back where it started, as if the context were new: the rows of the
 * record tables and of the framework's tables (checkpoints, run history, quarantine,
 * coverage ledger, backfill tasks), the test clock, the meters and the circuit breaker.
 * db-scheduler's {@code scheduled_tasks} stays: it holds the application's recurring
 * tasks.
 * <p>
 * The framework's tables are read from the schema script the starter ships
 * ({@code dev/collector/jdbc/schema-h2.sql}), so a table added there is reset too.
 */
class CollectorStateReset {

	static final String FRAMEWORK_SCHEMA = "dev/collector/jdbc/schema-h2.sql";

	private static final Pattern CREATE_TABLE = Pattern
		.compile("(?i)CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?([A-Za-z_][A-Za-z0-9_]*)");

	/** Kept: the recurring tasks of the application, not collected state. */
	private static final Set<String> KEPT = Set.of("scheduled_tasks");

	private static final boolean RESILIENCE4J_PRESENT = ClassUtils
		.isPresent("io.github.resilience4j.circuitbreaker.CircuitBreaker", CollectorStateReset.class.getClassLoader());

	private final JdbcTemplate jdbc;

	private final List<RecordSchema<?>> schemas;

	private final MutableClock clock;

	private final MeterRegistry meters;

	private final List<Runnable> others;

	private volatile List<String> tables;

	CollectorStateReset(JdbcTemplate jdbc, List<RecordSchema<?>> schemas, MutableClock clock, MeterRegistry meters,
			List<Runnable> others) {
		this.jdbc = jdbc;
		this.schemas = List.copyOf(schemas);
		this.clock = clock;
		this.meters = meters;
		this.others = List.copyOf(others);
	}

	static List<String> frameworkTables() {
		try (InputStream in = CollectorStateReset.class.getClassLoader().getResourceAsStream(FRAMEWORK_SCHEMA)) {
			if (in == null) {
				return List.of();
			}
			Matcher matcher = CREATE_TABLE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			List<String> tables = new ArrayList<>();
			while (matcher.find()) {
				tables.add(matcher.group(1).toLowerCase(Locale.ROOT));
			}
			return tables;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	void reset() {
		if (this.jdbc != null) {
			for (String table : tables()) {
				this.jdbc.update("DELETE FROM " + table);
			}
		}
		if (this.clock != null) {
			this.clock.reset();
		}
		if (this.meters instanceof CompositeMeterRegistry composite) {
			// every meter of the composite gets a new, empty one in the new child
			// registry;
			// the references the application holds keep working
			List<MeterRegistry> children = List.copyOf(composite.getRegistries());
			composite.add(new SimpleMeterRegistry());
			children.forEach(composite::remove);
		}
		this.others.forEach(Runnable::run);
	}

	/** The record tables and the framework's, those that exist, in delete order. */
	private List<String> tables() {
		List<String> tables = this.tables;
		if (tables == null) {
			Set<String> wanted = new LinkedHashSet<>();
			this.schemas.forEach((schema) -> wanted.add(schema.table().toLowerCase(Locale.ROOT)));
			// children before the tables they point to: the reverse of the script's order
			List<String> framework = new ArrayList<>(frameworkTables());
			java.util.Collections.reverse(framework);
			framework.stream().filter((table) -> !KEPT.contains(table)).forEach(wanted::add);
			Set<String> existing = existingTables();
			tables = wanted.stream().filter(existing::contains).toList();
			this.tables = tables;
		}
		return tables;
	}

	private Set<String> existingTables() {
		Set<String> existing = new LinkedHashSet<>();
		this.jdbc.execute((java.sql.Connection connection) -> {
			DatabaseMetaData metaData = connection.getMetaData();
			ResultSet result = metaData.getTables(connection.getCatalog(), connection.getSchema(), null,
					new String[] { "TABLE" });
			try {
				while (result.next()) {
					existing.add(result.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
				}
			}
			finally {
				JdbcUtils.closeResultSet(result);
			}
			return null;
		});
		return existing;
	}

	/**
	 * What closes the collector's circuit breaker again, when Resilience4j is there.
	 * @param beanFactory the application's beans
	 * @return the reset, or {@code null}
	 */
	static Runnable circuitBreakerReset(BeanFactory beanFactory) {
		if (!RESILIENCE4J_PRESENT) {
			return null;
		}
		ObjectProvider<CollectorResilience> resilience = beanFactory.getBeanProvider(CollectorResilience.class);
		return () -> resilience.ifAvailable((collector) -> collector.circuitBreaker().reset());
	}

}
