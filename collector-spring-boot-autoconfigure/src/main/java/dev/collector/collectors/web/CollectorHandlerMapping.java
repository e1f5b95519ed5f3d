package dev.collector.collectors.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import dev.collector.collect.CollectorEndpoint;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;

/**
 * Maps the {@link CollectorEndpoint per-collector controllers} of every collector, which
 * live in the collector's own context when the application declares several, for the
 * dispatcher of the application's context. Two kinds:
 * <ul>
 * <li>{@link #prefixed}: each collector's paths under {@code /collectors/<name>}, with
 * one collector or several;</li>
 * <li>{@link #unprefixed}: with several collectors, the paths of today without a prefix,
 * each mapped once per collector with a {@link CollectorSelection} that picks the
 * collector {@code ?collector=<name>} names, else the default collector; when neither
 * applies, a {@link CollectorChoice} answers 400 (or 404 for an unknown name) naming the
 * collectors.</li>
 * </ul>
 * The application's own mapping is consulted before the unprefixed one, so its aggregate
 * endpoints ({@code POST /collect}, {@code GET /status}...) answer first.
 */
class CollectorHandlerMapping extends RequestMappingHandlerMapping {

	/** Before the application's mapping (order 0), whose catch-all answers 404 names. */
	static final int PREFIXED_ORDER = -1;

	/** After the application's mapping: its aggregate endpoints come first. */
	static final int UNPREFIXED_ORDER = 1;

	private final CollectorRegistry registry;

	private final CollectorChoice choice;

	private final Map<RequestMappingInfo, HandlerMethod> described = new LinkedHashMap<>();

	private CollectorHandlerMapping(CollectorRegistry registry, CollectorChoice choice) {
		this.registry = registry;
		this.choice = choice;
	}

	/**
	 * The mapping of every collector's paths under {@code /collectors/<name>}.
	 * @param registry the collectors
	 * @return the mapping
	 */
	static CollectorHandlerMapping prefixed(CollectorRegistry registry) {
		CollectorHandlerMapping mapping = new CollectorHandlerMapping(registry, null);
		mapping.setOrder(PREFIXED_ORDER);
		return mapping;
	}

	/**
	 * The mapping of the collectors' paths without prefix, for several collectors.
	 * @param registry the collectors
	 * @param choice what answers when no collector is named and none is the default
	 * @return the mapping
	 */
	static CollectorHandlerMapping unprefixed(CollectorRegistry registry, CollectorChoice choice) {
		CollectorHandlerMapping mapping = new CollectorHandlerMapping(registry, choice);
		mapping.setOrder(UNPREFIXED_ORDER);
		return mapping;
	}

	@Override
	protected boolean isHandler(Class<?> beanType) {
		// the application's own controllers are the application's mapping's
		return false;
	}

	@Override
	protected void initHandlerMethods() {
		CollectorUnit described = this.registry.defaultUnit().orElse(this.registry.units().get(0));
		List<RequestMappingInfo> unprefixedPaths = new ArrayList<>();
		for (CollectorUnit unit : this.registry.units()) {
			for (Object controller : controllers(unit.context())) {
				Class<?> userType = ClassUtils.getUserClass(controller);
				Map<Method, RequestMappingInfo> methods = MethodIntrospector.selectMethods(userType,
						(MethodIntrospector.MetadataLookup<RequestMappingInfo>) (method) -> getMappingForMethod(method,
								userType));
				methods.forEach((method, info) -> {
					Method invocable = AopUtils.selectInvocableMethod(method, userType);
					RequestMappingInfo mapping = (this.choice != null) ? selected(info, unit) : prefixed(info, unit);
					registerHandlerMethod(controller, invocable, mapping);
					if (this.choice == null || unit == described) {
						this.described.put(mapping, createHandlerMethod(controller, invocable));
					}
					if (this.choice != null && !unprefixedPaths.contains(info)) {
						unprefixedPaths.add(info);
					}
				});
			}
		}
		if (this.choice != null) {
			Method answer = ReflectionUtils.findMethod(CollectorChoice.class, "answer", String.class);
			for (RequestMappingInfo info : unprefixedPaths) {
				registerHandlerMethod(this.choice, answer,
						info.mutate().customCondition(CollectorSelection.none()).build());
			}
		}
		handlerMethodsInitialized(getHandlerMethods());
	}

	/**
	 * What the OpenAPI description shows: every collector's prefixed paths, and the
	 * unprefixed paths once (those of the default collector, else the first).
	 * @return the mappings to describe
	 */
	Map<RequestMappingInfo, HandlerMethod> describedHandlerMethods() {
		return this.described;
	}

	private RequestMappingInfo prefixed(RequestMappingInfo info, CollectorUnit unit) {
		return RequestMappingInfo.paths(CollectorsController.PATH + "/" + unit.name())
			.options(getBuilderConfiguration())
			.build()
			.combine(info);
	}

	private RequestMappingInfo selected(RequestMappingInfo info, CollectorUnit unit) {
		boolean isDefault = this.registry.defaultUnit().filter((candidate) -> candidate == unit).isPresent();
		return info.mutate().customCondition(CollectorSelection.of(unit.name(), isDefault)).build();
	}

	/**
	 * The collector's own per-collector controllers: not its parent's, which with a
	 * single collector are the same context anyway.
	 */
	private static List<Object> controllers(ApplicationContext context) {
		List<Object> controllers = new ArrayList<>();
		for (String name : context.getBeanNamesForAnnotation(CollectorEndpoint.class)) {
			controllers.add(context.getBean(name));
		}
		return controllers;
	}

}
