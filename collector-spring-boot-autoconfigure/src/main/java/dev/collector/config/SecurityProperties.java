package dev.collector.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.web.util.pattern.PathPatternParser;
import org.springframework.web.util.pattern.PatternParseException;

/**
 * Protection of the collector's mutating endpoints, under {@code collector.security.*}.
 */
public class SecurityProperties {

	/** Spring Web's path pattern parser, present in every web application. */
	private static final String PATH_PATTERN_PARSER = "org.springframework.web.util.pattern.PathPatternParser";

	/**
	 * Bearer token that POST, PUT, PATCH and DELETE requests to the protected paths must
	 * send ("Authorization: Bearer <token>"). When not set, those requests are answered
	 * for loopback callers only, and the application refuses to start where forwarded
	 * headers replace the caller's address (server.forward-headers-strategy).
	 */
	private String apiToken;

	/**
	 * Path patterns (Spring MVC's syntax, e.g. "/backfill/**") whose POST, PUT, PATCH and
	 * DELETE requests need the token (or a loopback caller when no token is set). Matched
	 * as Spring MVC matches its handlers: against the decoded path within the
	 * application, and against the mapping of the handler a request reaches.
	 */
	private List<String> protectedPaths = new ArrayList<>(List.of("/collect", "/collect/**", "/backfill",
			"/backfill/**", "/alert", "/validate-data", "/actuator/**"));

	/**
	 * Largest request body the collector's endpoints accept; larger ones are refused with
	 * 413 before they are read.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	private static void validatePattern(String pattern, Errors errors) {
		try {
			PathPatternParser.defaultInstance.parse(pattern);
		}
		catch (PatternParseException ex) {
			errors.rejectValue("protectedPaths", "pattern",
					"'" + pattern + "' is not a Spring MVC path pattern: " + ex.getMessage());
		}
	}

	public String getApiToken() {
		return this.apiToken;
	}

	public void setApiToken(String apiToken) {
		this.apiToken = apiToken;
	}

	public List<String> getProtectedPaths() {
		return this.protectedPaths;
	}

	public void setProtectedPaths(List<String> protectedPaths) {
		this.protectedPaths = protectedPaths;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	void validate(Errors errors) {
		if (this.apiToken != null && !this.apiToken.isEmpty() && this.apiToken.strip().length() < 8) {
			// never echo the value: it is a secret
			errors.rejectValue("apiToken", "length", "must be at least 8 characters long");
		}
		if (this.protectedPaths == null) {
			errors.rejectValue("protectedPaths", "required", "must be a list, empty to protect nothing");
		}
		else if (ClassUtils.isPresent(PATH_PATTERN_PARSER, getClass().getClassLoader())) {
			this.protectedPaths.forEach((pattern) -> validatePattern(pattern, errors));
		}
		if (this.maxBodySize == null || this.maxBodySize.toBytes() < 1) {
			errors.rejectValue("maxBodySize", "range", "must be at least 1B");
		}
	}

}
