package dev.collector.security.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Other spellings of a path: what a client can send on the wire (raw bytes of the request
 * target, ISO-8859-1 as a string) that some layer might read as the same path. Every
 * spelling of a protected path must be refused without the token.
 * <p>
 * A path is given as segments, each either literal (every character of it is spelled in
 * every way) or a variable's value (spelled as a whole only, since any value reaches the
 * same handler).
 */
public final class PathSpellings {

	private PathSpellings() {
	}

	/**
	 * A spelling.
	 *
	 * @param kind what was done to the path
	 * @param target the request target, one char per byte
	 */
	public record Spelling(String kind, String target) {

		@Override
		public String toString() {
			return this.kind + " " + printable(this.target);
		}

		static String printable(String target) {
			StringBuilder out = new StringBuilder();
			for (char c : target.toCharArray()) {
				out.append((c < 0x20 || c > 0x7e) ? String.format("<%02X>", (int) c) : String.valueOf(c));
			}
			return out.toString();
		}

	}

	/**
	 * Every spelling of a path, the canonical one first.
	 * @param segments the path's segments, a variable's value marked by a leading
	 * {@code =}
	 * @return the spellings, each target once
	 */
	public static List<Spelling> of(List<String> segments) {
		Map<String, Spelling> spellings = new LinkedHashMap<>();
		List<String> values = segments.stream().map(PathSpellings::value).toList();
		String canonical = join(values);
		add(spellings, "canonical", canonical);
		// each character percent-encoded, upper- and lower-case hex
		for (int s = 0; s < segments.size(); s++) {
			String value = values.get(s);
			boolean literal = !segments.get(s).startsWith("=");
			for (int i = 0; i < (literal ? value.length() : 1); i++) {
				for (boolean upper : new boolean[] { true, false }) {
					String encoded = value.substring(0, i) + hex(value.charAt(i), upper) + value.substring(i + 1);
					add(spellings,
							"encoded char " + (i + 1) + " of segment " + (s + 1) + (upper ? " (upper)" : " (lower)"),
							replace(values, s, encoded));
				}
			}
		}
		StringBuilder allEncoded = new StringBuilder();
		for (String value : values) {
			allEncoded.append('/');
			value.chars().forEach((c) -> allEncoded.append(hex((char) c, true)));
		}
		add(spellings, "every char encoded", allEncoded.toString());
		// other separators, or separators in disguise, between each pair of segments
		for (int s = 1; s < segments.size(); s++) {
			for (String separator : List.of("%2F", "%2f", "%5C", "%5c", "%252F", "%252f", "\\", "%C0%AF", "%E0%80%AF",
					"//", "/./", "/%2E/", "/%2e/", "/x/../", "/x/%2E%2E/", "/x/.%2E/", ";x=1/")) {
				add(spellings, "separator " + s + " as " + separator, separate(values, s, separator));
			}
		}
		// before the path
		for (String prefix : List.of("/", "/.", "/%2E", "/%2e", "/..", "/%2E%2E", "/x/..", "/x/%2e%2e", "/%2F", "/%5C",
				"/%252F", "/;x=1", "/%C0%AE")) {
			add(spellings, "prefix " + prefix, prefix + canonical);
		}
		// ;params on each segment
		for (int s = 0; s < segments.size(); s++) {
			for (String parameters : List.of(";", ";x=1", ";jsessionid=0123456789ABCDEF", "%3Bx=1", "%3bx=1")) {
				add(spellings, parameters + " on segment " + (s + 1), replace(values, s, values.get(s) + parameters));
			}
		}
		// after the path
		for (String suffix : List.of("/", "//", "/.", "/%2E", "/x/..", ";", "%2F", "%5C", "%252F", ".", "%20", "%09",
				"%00", "\t", "\0", "%FF", "%C3", "%80", "%ED%A0%80", "%C0%AF", "%F8%88%80%80%80", "#x", "%23x")) {
			add(spellings, "suffix " + suffix, canonical + suffix);
		}
		// case
		add(spellings, "upper case", canonical.toUpperCase(Locale.ROOT));
		add(spellings, "capitalised", "/" + Character.toUpperCase(canonical.charAt(1)) + canonical.substring(2));
		// overlong UTF-8 of the first character (2 and 3 bytes), invalid UTF-8 in it, a
		// tab
		// or NUL byte inside the first segment
		char first = values.get(0).charAt(0);
		String rest = canonical.substring(2);
		add(spellings, "overlong 2-byte first char",
				String.format("/%%%02X%%%02X", 0xC0 | (first >> 6), 0x80 | (first & 0x3F)) + rest);
		add(spellings, "overlong 3-byte first char",
				String.format("/%%E0%%%02X%%%02X", 0x80 | (first >> 6), 0x80 | (first & 0x3F)) + rest);
		for (String inside : List.of("%FF", "%C3", "%80", "%09", "%00", "\t", "\0")) {
			add(spellings, "inside first segment " + inside, "/" + first + inside + rest);
		}
		return List.copyOf(spellings.values());
	}

	/**
	 * Other spellings of a collector's name in {@code /collectors/{name}<tail>}, and dot
	 * segments that lead out of the prefix or back into it (the spellings {@link #of}
	 * gives for each segment are not repeated here): names of each allowed character
	 * class ({@code [A-Za-z0-9_-]}), encoded, with parameters, names that are dot
	 * segments or hold a separator or a control character.
	 * @param tail the path after the name, e.g. {@code /collect}
	 * @return the spellings, each target once
	 */
	public static List<Spelling> ofCollectorNames(String tail) {
		Map<String, Spelling> spellings = new LinkedHashMap<>();
		for (String name : List.of("x", "a-b_9", "0", "A", "Prices-2024_eu", "-", "_", "%78", "%61-b_9", "a%2Db%5F9",
				"x;a=b", "x%3Ba=b", ";a=b", ".", "..", "%2E", "%2E%2E", ".%2E", "..;", "x%2Fy", "x%5Cy", "x%00", "x%FF",
				"%20", "x%09")) {
			add(spellings, "name " + name, "/collectors/" + name + tail);
		}
		String relative = tail.substring(1);
		for (String path : List.of("/collectors/x/../.." + tail, "/collectors/x/.." + tail,
				"/collectors/x/backfill/.." + tail, "/collectors/x/backfill/..%2F" + relative,
				"/collectors/x/backfill/%2E%2E" + tail, "/collectors/x/..;/.." + tail,
				"/collectors/x/%2e%2e/%2e%2e" + tail, "/collectors/../collectors/x" + tail,
				"/collectors/x/./" + relative, "/COLLECTORS/x" + tail, "/Collectors/x" + tail,
				"/collectors/x" + tail.toUpperCase(Locale.ROOT))) {
			add(spellings, "dots or case " + path.replace('%', '~'), path);
		}
		return List.copyOf(spellings.values());
	}

	private static void add(Map<String, Spelling> spellings, String kind, String target) {
		spellings.putIfAbsent(target, new Spelling(Spelling.printable(kind), target));
	}

	private static String value(String segment) {
		return segment.startsWith("=") ? segment.substring(1) : segment;
	}

	private static String join(List<String> values) {
		return "/" + String.join("/", values);
	}

	private static String replace(List<String> values, int index, String replacement) {
		List<String> copy = new ArrayList<>(values);
		copy.set(index, replacement);
		return join(copy);
	}

	private static String separate(List<String> values, int index, String separator) {
		return join(values.subList(0, index)) + separator + String.join("/", values.subList(index, values.size()));
	}

	private static String hex(char c, boolean upper) {
		StringBuilder out = new StringBuilder();
		for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
			out.append('%').append(String.format(upper ? "%02X" : "%02x", b & 0xFF));
		}
		return out.toString();
	}

}
