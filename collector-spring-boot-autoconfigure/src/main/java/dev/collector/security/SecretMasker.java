package dev.collector.security;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Hides secrets in configuration shown to operators (GET /status, /actuator/env and
 * /actuator/configprops through a {@code SanitizingFunction}): the value of every
 * property whose name mentions a token, password, secret, key, credential or webhook (a
 * URL keeps its scheme and host, so operators can tell where it points), and in any other
 * URL the user info and the values of query parameters with such names.
 */
public class SecretMasker {

	/** What a hidden value is replaced with. */
	public static final String MASK = "******";

	private static final List<String> SENSITIVE_NAME_PARTS = List.of("token", "password", "passwd", "secret", "key",
			"credential", "webhook", "auth", "signature");

	/**
	 * Whether a property name denotes a secret.
	 * @param name the property name, any case and separator
	 * @return {@code true} when its value must be hidden
	 */
	public boolean isSensitive(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return SENSITIVE_NAME_PARTS.stream().anyMatch(lower::contains);
	}

	/**
	 * Mask a value by its name, and hide secrets inside URLs.
	 * @param name the property name
	 * @param value the value
	 * @return the value to show
	 */
	public Object mask(String name, Object value) {
		if (value == null) {
			return null;
		}
		if (isSensitive(name)) {
			return (value instanceof String text) ? maskAll(text) : MASK;
		}
		if (value instanceof Map<?, ?> map) {
			return maskTree(map);
		}
		if (value instanceof List<?> list) {
			return list.stream().map((item) -> mask(name, item)).toList();
		}
		if (value instanceof String text && text.contains("://")) {
			return maskUrl(text);
		}
		return value;
	}

	private static String maskAll(String value) {
		try {
			URI uri = URI.create(value.strip());
			if (uri.getScheme() != null && uri.getHost() != null) {
				return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "") + "/"
						+ MASK;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URL: nothing of it is shown
		}
		return MASK;
	}

	/**
	 * Mask every value of a tree of maps by its key.
	 * @param tree the tree
	 * @return a masked copy
	 */
	public Map<String, Object> maskTree(Map<?, ?> tree) {
		Map<String, Object> masked = new LinkedHashMap<>();
		tree.forEach((key, value) -> masked.put(String.valueOf(key), mask(String.valueOf(key), value)));
		return masked;
	}

	/**
	 * Hide the user info and sensitive query values of a URL (JDBC URLs included).
	 * @param text the URL
	 * @return the URL without its secrets
	 */
	public String maskUrl(String text) {
		int scheme = text.indexOf("://");
		String prefix = text.substring(0, scheme + 3);
		String rest = text.substring(scheme + 3);
		int authorityEnd = indexOfAny(rest, "/?#;");
		String authority = (authorityEnd < 0) ? rest : rest.substring(0, authorityEnd);
		String tail = (authorityEnd < 0) ? "" : rest.substring(authorityEnd);
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			authority = MASK + "@" + authority.substring(at + 1);
		}
		return prefix + authority + maskParameters(tail);
	}

	/** Query ({@code ?a=b&c=d}) and JDBC-style ({@code ;a=b}) parameters. */
	private String maskParameters(String tail) {
		StringBuilder result = new StringBuilder(tail.length());
		int i = 0;
		while (i < tail.length()) {
			char c = tail.charAt(i);
			result.append(c);
			i++;
			if (c == '?' || c == '&' || c == ';') {
				int end = indexOfAny(tail.substring(i), "&;#");
				String parameter = (end < 0) ? tail.substring(i) : tail.substring(i, i + end);
				int equals = parameter.indexOf('=');
				if (equals > 0 && isSensitive(parameter.substring(0, equals))) {
					result.append(parameter, 0, equals + 1).append(MASK);
				}
				else {
					result.append(parameter);
				}
				i += parameter.length();
			}
		}
		return result.toString();
	}

	private static int indexOfAny(String text, String characters) {
		for (int i = 0; i < text.length(); i++) {
			if (characters.indexOf(text.charAt(i)) >= 0) {
				return i;
			}
		}
		return -1;
	}

}
