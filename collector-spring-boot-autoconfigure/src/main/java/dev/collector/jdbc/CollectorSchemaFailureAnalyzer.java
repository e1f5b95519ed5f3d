package dev.collector.jdbc;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link CollectorSchemaException}: which tables or columns are missing and
 * how to create them.
 */
public class CollectorSchemaFailureAnalyzer extends AbstractFailureAnalyzer<CollectorSchemaException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, CollectorSchemaException cause) {
		List<String> framework = new ArrayList<>(cause.missingTables());
		framework.removeAll(cause.applicationTables());
		String description = "The collector cannot work with this database: "
				+ CollectorSchemaException.describe(cause.missing()) + ". Every collection, backfill or schedule"
				+ " would fail on it.";
		StringBuilder action = new StringBuilder();
		if (!framework.isEmpty()) {
			action.append("Create the collector's tables (")
				.append(String.join(", ", framework))
				.append("): set collector.jdbc.initialize-schema=always (the script only creates what does not exist;"
						+ " the default, embedded, creates the tables in embedded databases only), or run ")
				.append(cause.script())
				.append(" (in the collector-spring-boot-autoconfigure jar, for ")
				.append(cause.platform())
				.append(") with your migrations (Flyway, Liquibase) and keep initialize-schema=never.")
				.append(" A table that exists without some columns was created by an older version: add them as"
						+ " that script defines them.");
		}
		if (!cause.applicationTables().isEmpty()) {
			action.append((action.length() > 0) ? " " : "")
				.append("Create the record table ")
				.append(String.join(", ", cause.applicationTables()))
				.append(" with the columns of your @CollectedRecord (schema.sql or your migrations).");
		}
		return new FailureAnalysis(description, action.toString(), cause);
	}

}
