package dev.collector.collectors.web;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.MethodIntrospector;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.web.bind.annotation.RequestMethod;
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

	private RequestMappingHandlerMapping application;

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

	/**
	 * The application's own mapping: its paths answer before the unprefixed ones, so they
	 * are not described twice.
	 * @param application the application's mapping
	 */
	void setApplicationMapping(RequestMappingHandlerMapping application) {
		this.application = application;
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
		Set<Class<?>> controllerTypes = new LinkedHashSet<>();
		for (CollectorUnit unit : this.registry.units()) {
			for (Object controller : controllers(unit.context())) {
				Class<?> userType = ClassUtils.getUserClass(controller);
				controllerTypes.add(userType);
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
		SpringDocControllers.describe(controllerTypes, getApplicationContext().getClassLoader());
		handlerMethodsInitialized(getHandlerMethods());
	}

	/**
	 * What tools that list the mappings (springdoc's OpenAPI description, Actuator's
	 * mappings) see: every collector's prefixed paths; of the unprefixed ones, those of
	 * the default collector (else the first) that the application's aggregate endpoints
	 * do not answer first, once. The dispatcher's lookup does not use this.
	 * @return the mappings to describe
	 */
	@Override
	public Map<RequestMappingInfo, HandlerMethod> getHandlerMethods() {
		if (this.choice == null) {
			return super.getHandlerMethods();
		}
		Set<String> shadowed = new HashSet<>();
		if (this.application != null) {
			this.application.getHandlerMethods().keySet().forEach((info) -> shadowed.addAll(operations(info)));
		}
		Map<RequestMappingInfo, HandlerMethod> described = new LinkedHashMap<>();
		this.described.forEach((info, method) -> {
			if (Collections.disjoint(operations(info), shadowed)) {
				described.put(info, method);
			}
		});
		return Collections.unmodifiableMap(described);
	}

	private static Set<String> operations(RequestMappingInfo info) {
		Set<String> operations = new HashSet<>();
		Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
		for (String pattern : info.getPatternValues()) {
			if (methods.isEmpty()) {
				operations.add("* " + pattern);
			}
			methods.forEach((method) -> operations.add(method + " " + pattern));
		}
		return operations;
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
