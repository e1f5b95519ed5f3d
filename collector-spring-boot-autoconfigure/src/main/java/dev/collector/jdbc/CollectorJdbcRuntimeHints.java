package dev.collector.jdbc;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Native-image hints of the JDBC support: the framework's schema scripts
 * ({@code collector.jdbc.schema}, one per database), read from the class path at
 * start-up. Listed in {@code META-INF/spring/aot.factories}.
 */
class CollectorJdbcRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, ClassLoader classLoader) {
		hints.resources().registerPattern("dev/collector/jdbc/schema-*.sql");
	}

}
