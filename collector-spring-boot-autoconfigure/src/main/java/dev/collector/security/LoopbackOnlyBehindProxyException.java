package dev.collector.security;

import java.util.Locale;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.web.ServerProperties.ForwardHeadersStrategy;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Thrown at start-up when no {@code collector.security.api-token} is set (the mutating
 * endpoints then answer loopback callers only) while the application takes the client
 * address from forwarded headers: {@code getRemoteAddr()} is then what
 * {@code X-Forwarded-For} or {@code Forwarded} says, and anyone who can send that header
 * could claim to be {@code 127.0.0.1}. Explained by
 * {@link LoopbackOnlyBehindProxyFailureAnalyzer}.
 */
public class LoopbackOnlyBehindProxyException extends RuntimeException {

	private static final String FORWARDED_HEADER_FILTER = "org.springframework.web.filter.ForwardedHeaderFilter";

	private final String reason;

	LoopbackOnlyBehindProxyException(String reason) {
		super("collector.security.api-token is not set, so the mutating endpoints answer loopback callers only, "
				+ "but the caller's address comes from forwarded headers: " + reason);
		this.reason = reason;
	}

	/**
	 * Why the caller's address comes from forwarded headers.
	 * @return the setting that makes it so
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Refuse the loopback-only mode where forwarded headers replace the TCP peer address:
	 * {@code server.forward-headers-strategy=native|framework}, or left unset on a cloud
	 * platform where Spring Boot then honours them itself (Kubernetes among them), or a
	 * {@code ForwardedHeaderFilter} the application registers.
	 * @param apiToken the configured token
	 * @param environment the environment
	 * @param beanFactory the bean factory
	 * @throws LoopbackOnlyBehindProxyException when the mode cannot be trusted
	 */
	static void check(String apiToken, Environment environment, ListableBeanFactory beanFactory) {
		if (StringUtils.hasText(apiToken)) {
			return;
		}
		String reason = forwardedHeadersHonoured(environment, beanFactory);
		if (reason != null) {
			throw new LoopbackOnlyBehindProxyException(reason);
		}
	}

	private static String forwardedHeadersHonoured(Environment environment, ListableBeanFactory beanFactory) {
		ForwardHeadersStrategy strategy = Binder.get(environment)
			.bind("server.forward-headers-strategy", ForwardHeadersStrategy.class)
			.orElse(null);
		if (strategy == ForwardHeadersStrategy.NATIVE || strategy == ForwardHeadersStrategy.FRAMEWORK) {
			return "server.forward-headers-strategy=" + strategy.name().toLowerCase(Locale.ROOT);
		}
		if (strategy == null) {
			CloudPlatform platform = CloudPlatform.getActive(environment);
			if (platform != null && platform.isUsingForwardHeaders()) {
				return "server.forward-headers-strategy is not set and the application runs on " + platform
						+ ", where Spring Boot then honours forwarded headers";
			}
		}
		if (registersForwardedHeaderFilter(beanFactory)) {
			return "the application registers a ForwardedHeaderFilter";
		}
		return null;
	}

	private static boolean registersForwardedHeaderFilter(ListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(FORWARDED_HEADER_FILTER, null)) {
			return false;
		}
		Class<?> filter = ClassUtils.resolveClassName(FORWARDED_HEADER_FILTER, null);
		return beanFactory.getBeanNamesForType(filter, true, false).length > 0 || beanFactory.getBeanNamesForType(
				ResolvableType.forClassWithGenerics(FilterRegistrationBean.class, filter), true, false).length > 0;
	}

}
