package dev.collector.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which configuration values are secrets and masks them, for /actuator/env,
 * /actuator/configprops (through a SanitizingFunction), /status and log lines.
 * <ul>
 * <li>a key naming a secret (password, secret, token, credentials, api-key, private-key,
 * any key ending in "key", a webhook URL): the whole value is masked, except that a URL
 * keeps its scheme and host so operators can tell where it points</li>
 * <li>any other value that is a URL with a user:password or with a secret-looking query
 * parameter (key, token, signature, ...): only those parts are masked</li>
 * </ul>
 */
public class SecretMasker {

	/** What a masked value or part of a value shows. */
	public static final String MASK = "******";

	private static final List<String> SECRET_KEY_PARTS = List.of("password", "passwd", "secret", "token",
			"credential", "apikey", "api-key", "api_key", "private-key", "privatekey", "webhook-url", "webhookurl",
			"authorization", "signature");

	private static final Pattern SECRET_QUERY = Pattern
		.compile("(?i)([?&](?:[a-z_\\-]*key|[a-z_\\-]*token|sig|signature|secret|password|code)=)[^&#]*");

	/**
	 * Whether a property name names a secret.
	 * @param key a property name in any form (collector.security.api-token,
	 * COLLECTOR_SECURITY_API_TOKEN)
	 * @return whether its value must not be shown
	 */
	public boolean isSecret(String key) {
		if (key == null) {
			return false;
		}
		String lower = key.toLowerCase(Locale.ROOT).replace('_', '-');
		if (lower.endsWith("key") || lower.endsWith("keys")) {
			return true;
		}
		return SECRET_KEY_PARTS.stream().anyMatch(lower::contains);
	}

	/**
	 * The value to show for a property.
	 * @param key the property name
	 * @param value its value
	 * @return the value, masked where it holds a secret
	 */
	public Object mask(String key, Object value) {
		if (value == null) {
			return null;
		}
		if (isSecret(key)) {
			return maskAll(value.toString());
		}
		return (value instanceof CharSequence text) ? maskUrlSecrets(text.toString()) : value;
	}

	private String maskAll(String value) {
		try {
			URI uri = URI.create(value.trim());
			if (uri.getScheme() != null && uri.getHost() != null) {
				return uri.getScheme() + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "")
						+ "/" + MASK;
			}
		}
		catch (IllegalArgumentException ex) {
			// not a URL: mask all of it
		}
		return MASK;
	}

	/**
	 * Mask the user information and secret-looking query parameters of a URL in a text.
	 * @param text any text, e.g. a URL or a log message
	 * @return the text with those parts masked
	 */
	public String maskUrlSecrets(String text) {
		String masked = text.replaceAll("(?i)([a-z][a-z0-9+.\\-]*://)[^/@\\s:]+:[^/@\\s]+@", "$1" + MASK + "@");
		return SECRET_QUERY.matcher(masked).replaceAll("$1" + MASK);
	}

}
