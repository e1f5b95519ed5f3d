package dev.collector.tracing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the rendered span trees to {@code target/traces} for docs/observability.md.
 */
final class Documentation {

	private Documentation() {
	}

	static void write(String name, String text) {
		try {
			Path directory = Path.of("target", "traces");
			Files.createDirectories(directory);
			Files.writeString(directory.resolve(name), text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
