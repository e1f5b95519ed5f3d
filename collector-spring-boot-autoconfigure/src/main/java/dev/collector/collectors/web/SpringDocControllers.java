package dev.collector.collectors.web;

import java.util.Collection;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.ClassUtils;

/**
 * Tells springdoc, when the application uses it, that the collectors' controllers are
 * REST controllers: springdoc describes only the handler methods of the
 * {@code @RestController} beans of the application's context, and those of a collector's
 * own context are not among them. By reflection, so the starter does not need springdoc.
 */
final class SpringDocControllers {

	private static final Log logger = LogFactory.getLog(SpringDocControllers.class);

	private static final String UTILS = "org.springdoc.core.utils.SpringDocUtils";

	private SpringDocControllers() {
	}

	static void describe(Collection<Class<?>> controllerTypes, ClassLoader classLoader) {
		if (controllerTypes.isEmpty() || !ClassUtils.isPresent(UTILS, classLoader)) {
			return;
		}
		try {
			Class<?> utils = ClassUtils.forName(UTILS, classLoader);
			Object config = utils.getMethod("getConfig").invoke(null);
			utils.getMethod("addRestControllers", Class[].class)
				.invoke(config, (Object) controllerTypes.toArray(new Class<?>[0]));
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			logger.warn("The collectors' paths are missing from the OpenAPI description: " + ex);
		}
	}

}
