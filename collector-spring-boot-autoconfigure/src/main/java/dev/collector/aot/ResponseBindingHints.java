package dev.collector.aot;

import java.util.ArrayList;
import java.util.List;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;

/**
 * Jackson binding hints for the JSON answers of the collector's endpoints: each class
 * named and every class nested in it (the answers are records nested in their controller
 * or in a holder class), with the types of their components. Needed in a native image
 * only; on the JVM, reflection needs no hints.
 */
public final class ResponseBindingHints {

	private static final BindingReflectionHintsRegistrar bindings = new BindingReflectionHintsRegistrar();

	private ResponseBindingHints() {
	}

	/**
	 * Register the classes and their nested classes for Jackson.
	 * @param hints the hints
	 * @param classes the answers, or the classes that hold them
	 */
	public static void register(RuntimeHints hints, Class<?>... classes) {
		List<Class<?>> all = new ArrayList<>();
		for (Class<?> type : classes) {
			collect(type, all);
		}
		bindings.registerReflectionHints(hints.reflection(), all.toArray(Class<?>[]::new));
	}

	private static void collect(Class<?> type, List<Class<?>> all) {
		all.add(type);
		for (Class<?> nested : type.getDeclaredClasses()) {
			if (nested.isRecord() || nested.isEnum()) {
				collect(nested, all);
			}
		}
	}

}
