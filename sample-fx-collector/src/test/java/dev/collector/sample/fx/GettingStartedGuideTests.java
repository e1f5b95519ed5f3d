package dev.collector.sample.fx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/getting-started.md shows this module's files: every code block after a
 * {@code <!-- file: path -->} marker must be that file, less its package and import
 * lines, so the guide and the code that {@link FxCollectorTests} runs cannot drift apart.
 */
class GettingStartedGuideTests {

	private static final Pattern BLOCK = Pattern.compile("<!-- file: (\\S+) -->\\s*```\\w*\\n(.*?)```", Pattern.DOTALL);

	private static final Path ROOT = Path.of("..");

	@Test
	void everyMarkedCodeBlockIsTheFileItNames() throws IOException {
		String guide = Files.readString(ROOT.resolve("docs/getting-started.md"));
		Matcher block = BLOCK.matcher(guide);
		int blocks = 0;
		while (block.find()) {
			blocks++;
			String file = block.group(1);
			assertThat(block.group(2).strip()).as(file).isEqualTo(withoutPackageAndImports(ROOT.resolve(file)));
		}
		assertThat(blocks).as("marked code blocks").isGreaterThanOrEqualTo(5);
	}

	@Test
	void listsEveryTableTheFrameworkCreates() throws IOException {
		String guide = Files.readString(ROOT.resolve("docs/getting-started.md"));
		String region = guide.substring(guide.indexOf("<!-- framework-tables:start -->"),
				guide.indexOf("<!-- framework-tables:end -->"));
		String ddl = Files.readString(ROOT
			.resolve("collector-spring-boot-autoconfigure/src/main/resources/dev/collector/jdbc/schema-h2.sql"));
		assertThat(names(Pattern.compile("(?m)^- `(\\w+)`"), region)).as("run scripts/update-getting-started.py")
			.isEqualTo(names(Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)"), ddl))
			.isNotEmpty();
	}

	private static List<String> names(Pattern pattern, String text) {
		return pattern.matcher(text).results().map((result) -> result.group(1)).toList();
	}

	@Test
	void theCollectorTakesAtMostThirtyLinesAndItsTestAtMostFifteen() throws IOException {
		assertThat(codeLines(Path.of("src/main/java/dev/collector/sample/fx/FxCollector.java")))
			.isLessThanOrEqualTo(30);
		assertThat(codeLines(Path.of("src/test/java/dev/collector/sample/fx/FxCollectorTests.java")))
			.isLessThanOrEqualTo(15);
	}

	static String withoutPackageAndImports(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file);
		return lines.stream()
			.filter((line) -> !line.startsWith("package ") && !line.startsWith("import "))
			.collect(Collectors.joining("\n"))
			.strip();
	}

	/**
	 * Lines of code as the issue counts them: neither blank, nor a package or import
	 * line, nor an annotation alone on its line, nor a lone closing brace.
	 */
	static long codeLines(Path file) throws IOException {
		return Files.readAllLines(file)
			.stream()
			.map(String::strip)
			.filter((line) -> !line.isEmpty() && !line.startsWith("package ") && !line.startsWith("import ")
					&& !line.startsWith("@") && !line.equals("}") && !line.equals("};"))
			.count();
	}

}
