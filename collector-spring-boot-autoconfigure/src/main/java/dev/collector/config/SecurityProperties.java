package dev.collector.config;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Protection of the collector's mutating endpoints, under {@code collector.security.*}.
 */
public class SecurityProperties {

	/**
	 * Bearer token that POST and DELETE requests to the protected paths must send
	 * ("Authorization: Bearer <token>"). When not set, those requests are answered for
	 * loopback callers only.
	 */
	private String apiToken;

	/**
	 * Path patterns whose POST, PUT, PATCH and DELETE requests need the token (or a
	 * loopback caller when no token is set).
	 */
	private List<String> protectedPaths = new ArrayList<>(List.of("/collect", "/collect/**", "/backfill",
			"/backfill/**", "/alert", "/validate-data", "/actuator/**"));

	/**
	 * Largest request body the collector's endpoints accept; larger ones are refused with
	 * 413 before they are read.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

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
		if (this.maxBodySize == null || this.maxBodySize.toBytes() < 1) {
			errors.rejectValue("maxBodySize", "range", "must be at least 1B");
		}
	}

}
