package dev.collector.test.support;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A path and the query parameters a request must carry to match it, e.g.
 * {@code /rates?symbol=EUR&page=2}: the path must be equal, every listed parameter must
 * be present with that value (decoded, in any order); other parameters do not matter.
 *
 * @param path the path
 * @param parameters the parameters, names and values decoded
 */
record RequestTarget(String path, List<Map.Entry<String, String>> parameters) {

	RequestTarget {
		parameters = List.copyOf(parameters);
	}

	static RequestTarget parse(String target) {
		if (target == null || !target.startsWith("/")) {
			throw new IllegalArgumentException(
					"A route is a path starting with '/', optionally with a query: " + target);
		}
		int query = target.indexOf('?');
		if (query < 0) {
			return new RequestTarget(target, List.of());
		}
		return new RequestTarget(target.substring(0, query), parameters(target.substring(query + 1)));
	}

	static List<Map.Entry<String, String>> parameters(String rawQuery) {
		List<Map.Entry<String, String>> parameters = new ArrayList<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return parameters;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = (equals >= 0) ? pair.substring(0, equals) : pair;
			String value = (equals >= 0) ? pair.substring(equals + 1) : "";
			parameters.add(Map.entry(decode(name), decode(value)));
		}
		return parameters;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text, StandardCharsets.UTF_8);
	}

	int parameterCount() {
		return this.parameters.size();
	}

	boolean matches(RecordedRequest request) {
		if (!this.path.equals(request.path())) {
			return false;
		}
		List<Map.Entry<String, String>> actual = parameters(request.query());
		return actual.containsAll(this.parameters);
	}

}
