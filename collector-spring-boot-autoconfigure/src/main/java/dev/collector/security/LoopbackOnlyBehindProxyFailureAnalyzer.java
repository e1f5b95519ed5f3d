package dev.collector.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a start-up refused because the loopback-only mode of the mutating endpoints
 * cannot be trusted behind forwarded headers.
 */
class LoopbackOnlyBehindProxyFailureAnalyzer extends AbstractFailureAnalyzer<LoopbackOnlyBehindProxyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, LoopbackOnlyBehindProxyException cause) {
		return new FailureAnalysis("collector.security.api-token is not set, so POST /collect, /backfill and the "
				+ "other protected endpoints would answer callers on this machine only. But the caller's address is "
				+ "taken from the X-Forwarded-For / Forwarded headers (" + cause.getReason() + "), which any client "
				+ "of the proxy can set to 127.0.0.1.",
				"Set collector.security.api-token (COLLECTOR_SECURITY_API_TOKEN) to a secret of at least 8 "
						+ "characters, or, if no proxy relays requests to this application, set "
						+ "server.forward-headers-strategy=none.",
				cause);
	}

}
