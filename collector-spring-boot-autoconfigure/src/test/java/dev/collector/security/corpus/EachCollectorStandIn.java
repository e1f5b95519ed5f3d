package dev.collector.security.corpus;

import java.util.List;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * A stand-in for the mapping that serves each collector's paths under
 * {@code /collectors/{name}} (and {@code GET /collectors}), for a security test of an
 * application that may not have it: the handlers of the collector's own paths of today,
 * mapped again under the prefix for any name, as Spring MVC mappings (so the dispatcher
 * matches them as it matches the real ones, and the handler's pattern is
 * {@code /collectors/{name}/collect}). The requests reach the real controllers, so what
 * got through changes what the application holds. Ordered after every mapping of the
 * application but the static resources: when the application maps these paths itself, its
 * own handlers answer and this one is never asked.
 */
public class EachCollectorStandIn extends RequestMappingHandlerMapping implements SmartInitializingSingleton {

	/** The prefix, as the application maps it. */
	public static final String PREFIX = "/collectors/{name}";

	/**
	 * The per-collector paths of today (issue 17), mapped again under {@link #PREFIX}.
	 */
	static final List<String> PER_COLLECTOR = List.of("/collect", "/backfill", "/backfill/{taskId}", "/coverage",
			"/status", "/data-quality", "/circuit-breaker-status", "/validate-data", "/health");

	private final RequestMappingHandlerMapping application;

	EachCollectorStandIn(RequestMappingHandlerMapping application) {
		this.application = application;
		setOrder(Ordered.LOWEST_PRECEDENCE - 2);
		setPatternParser(application.getPatternParser());
		setUrlPathHelper(application.getUrlPathHelper());
		setPathMatcher(application.getPathMatcher());
	}

	@Override
	protected boolean isHandler(Class<?> beanType) {
		// nothing of its own: only what afterSingletonsInstantiated registers
		return false;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.application.getHandlerMethods().forEach((info, method) -> {
			for (String pattern : info.getPatternValues()) {
				if (PER_COLLECTOR.contains(pattern)) {
					register(info, PREFIX + pattern, method.getBean(), method);
				}
				if (pattern.equals("/status")) {
					// the list of the collectors: a read like /status
					register(info, "/collectors", method.getBean(), method);
				}
			}
		});
	}

	private void register(RequestMappingInfo info, String path, Object bean, HandlerMethod method) {
		registerMapping(info.mutate().paths(path).build(), bean, method.getMethod());
	}

	/**
	 * Adds the stand-in to a test's application (&#64;Import it).
	 */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Setup {

		@Bean
		EachCollectorStandIn eachCollectorStandIn(
				@Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping application) {
			return new EachCollectorStandIn(application);
		}

	}

}
