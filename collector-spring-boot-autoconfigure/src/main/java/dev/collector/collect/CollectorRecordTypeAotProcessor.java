package dev.collector.collect;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;

/**
 * Native-image hints for the record type of each {@link Collector} bean, read from the
 * bean's generic type at build time: its record components and their accessors (the
 * {@code @CollectedRecord} schema reads them), its fields and annotations (Bean
 * Validation), and Jackson binding (a quarantined record is stored as JSON). Listed in
 * {@code META-INF/spring/aot.factories}.
 */
class CollectorRecordTypeAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		ResolvableType type = registeredBean.getBeanType();
		if (!Collector.class.isAssignableFrom(type.toClass())) {
			return null;
		}
		Class<?> recordType = type.as(Collector.class).getGeneric(0).resolve();
		if (recordType == null || recordType == Object.class) {
			return null;
		}
		return (GenerationContext context, BeanRegistrationCode code) -> register(context.getRuntimeHints(),
				recordType);
	}

	static void register(RuntimeHints hints, Class<?> recordType) {
		hints.reflection()
			.registerType(recordType, MemberCategory.DECLARED_FIELDS, MemberCategory.INVOKE_PUBLIC_METHODS,
					MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), recordType);
	}

}
