package dev.collector.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;

/**
 * The chart under {@code helm/collector}, rendered and linted in-process by helm-java
 * (Helm's own Go code in a native library; no helm binary, no cluster, no download).
 */
final class HelmChart {

	static final Path CHART = Paths.get(System.getProperty("collector.chart", "../helm/collector"))
		.toAbsolutePath()
		.normalize();

	/** The production-like values that the tests render and lint. */
	static final Path PRODUCTION_VALUES = CHART.resolve("ci/production-values.yaml");

	static final String RELEASE = "news";

	static final String NAMESPACE = "data";

	static final String KUBE_VERSION = "v1.31.0";

	static final YAMLMapper YAML = new YAMLMapper();

	private HelmChart() {
	}

	/**
	 * {@code helm template news helm/collector --namespace data [-f values] [--set k=v ...]}.
	 * @param valuesFile a values file, or {@code null}
	 * @param sets keys and values, alternately
	 * @return the rendered manifests
	 * @throws IllegalStateException with Helm's message when rendering fails
	 */
	static Manifests render(Path valuesFile, String... sets) {
		TemplateCommand template = new Helm(CHART).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			// helm-java renders for Kubernetes 1.20 unless told otherwise; the chart
			// needs 1.25+
			.withKubeVersion(KUBE_VERSION);
		if (valuesFile != null) {
			template.withValuesFile(valuesFile);
		}
		for (int i = 0; i < sets.length; i += 2) {
			template.set(sets[i], sets[i + 1]);
		}
		return Manifests.parse(template.call());
	}

	/**
	 * {@code helm lint} of the chart with the given values. helm-java's lint takes no
	 * values file, so the chart is copied and its values.yaml replaced by the defaults
	 * merged with the given file, which is what {@code helm lint -f} does.
	 * @param valuesFile the values, or {@code null} for the defaults
	 * @param work a scratch directory
	 * @return Helm's result
	 */
	static LintResult lint(Path valuesFile, Path work) {
		Path chart = CHART;
		if (valuesFile != null) {
			chart = work.resolve("collector");
			copyTree(CHART, chart);
			try {
				ObjectNode merged = (ObjectNode) YAML.readTree(CHART.resolve("values.yaml").toFile());
				merge(merged, (ObjectNode) YAML.readTree(valuesFile.toFile()));
				YAML.writeValue(chart.resolve("values.yaml").toFile(), merged);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new Helm(chart).lint().strict().call();
	}

	private static void merge(ObjectNode target, ObjectNode source) {
		Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
		while (fields.hasNext()) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode existing = target.get(field.getKey());
			if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode sourceObject) {
				merge(existingObject, sourceObject);
			}
			else {
				target.set(field.getKey(), field.getValue());
			}
		}
	}

	private static void copyTree(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : paths.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The documents of one rendering. */
	record Manifests(List<JsonNode> documents) {

		static Manifests parse(String yaml) {
			List<JsonNode> documents = new ArrayList<>();
			try (MappingIterator<JsonNode> iterator = YAML.readerFor(JsonNode.class).readValues(yaml)) {
				while (iterator.hasNext()) {
					JsonNode document = iterator.next();
					if (document != null && !document.isNull() && !document.isEmpty()) {
						documents.add(document);
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Rendered manifests are not YAML:\n" + yaml, ex);
			}
			return new Manifests(documents);
		}

		List<JsonNode> all(String kind) {
			return this.documents.stream().filter((document) -> kind.equals(document.path("kind").asText())).toList();
		}

		JsonNode one(String kind) {
			List<JsonNode> found = all(kind);
			if (found.size() != 1) {
				throw new AssertionError("Expected one " + kind + " but found " + found.size() + " among "
						+ this.documents.stream().map((document) -> document.path("kind").asText()).toList());
			}
			return found.get(0);
		}

		JsonNode named(String kind, String name) {
			return all(kind).stream()
				.filter((document) -> name.equals(document.at("/metadata/name").asText()))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No " + kind + " named " + name));
		}

		List<String> kinds() {
			return this.documents.stream().map((document) -> document.path("kind").asText()).sorted().toList();
		}

		JsonNode container() {
			return one("Deployment").at("/spec/template/spec/containers/0");
		}

		JsonNode env(String name) {
			for (JsonNode variable : container().path("env")) {
				if (name.equals(variable.path("name").asText())) {
					return variable;
				}
			}
			return null;
		}

	}

}
