package dev.collector.tracing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * The spans of one trace as a tree: what the tests assert, and what they render for the
 * documentation.
 */
final class SpanTree {

	private final List<Span> spans;

	private SpanTree(List<Span> spans) {
		this.spans = spans;
	}

	static SpanTree of(List<Span> spans, ByteString traceId) {
		return new SpanTree(spans.stream().filter((span) -> span.getTraceId().equals(traceId)).toList());
	}

	List<Span> spans() {
		return this.spans;
	}

	Span root() {
		return this.spans.stream().filter((span) -> span.getParentSpanId().isEmpty()).findFirst().orElseThrow();
	}

	List<Span> children(Span parent) {
		return this.spans.stream()
			.filter((span) -> span.getParentSpanId().equals(parent.getSpanId()))
			.sorted(Comparator.comparingLong(Span::getStartTimeUnixNano))
			.toList();
	}

	static Map<String, String> attributes(Span span) {
		return span.getAttributesList()
			.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (attribute) -> attribute.getValue().getStringValue(),
					(a, b) -> a));
	}

	static Optional<Span> named(List<Span> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst();
	}

	/**
	 * The tree as text: one span a line, indented under its parent, with its duration,
	 * status and attributes.
	 */
	String render() {
		StringBuilder text = new StringBuilder();
		render(root(), "", text);
		return text.toString();
	}

	private void render(Span span, String indent, StringBuilder text) {
		long micros = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1000;
		text.append(indent)
			.append(span.getName())
			.append(" (")
			.append(micros / 1000.0)
			.append(" ms")
			.append(span.getStatus().getCode() == io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR
					? ", ERROR" : "")
			.append(") ")
			.append(new java.util.TreeMap<>(attributes(span)))
			.append('\n');
		for (Span child : children(span)) {
			render(child, indent + "  ", text);
		}
	}

}
