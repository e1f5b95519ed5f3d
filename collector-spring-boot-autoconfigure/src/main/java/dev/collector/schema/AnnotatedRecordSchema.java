package dev.collector.schema;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * A {@link RecordSchema} read from a {@link CollectedRecord} annotation: Java record
 * components (or instance fields) become snake_case columns.
 *
 * @param <T> the record type
 */
public final class AnnotatedRecordSchema<T> implements RecordSchema<T> {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private final Class<T> recordType;

	private final String table;

	private final List<String> columns;

	private final List<Accessor> accessors;

	private final List<String> keyColumns;

	private final String timestampColumn;

	private final String symbolColumn;

	private AnnotatedRecordSchema(Class<T> recordType, CollectedRecord annotation) {
		this.recordType = recordType;
		this.table = requireIdentifier(annotation.table(), "table", recordType);
		Map<String, Accessor> properties = properties(recordType);
		if (properties.isEmpty()) {
			throw new IllegalArgumentException(recordType.getName() + " has no properties to store");
		}
		this.columns = List.copyOf(properties.keySet());
		this.accessors = List.copyOf(properties.values());
		if (annotation.key().length == 0) {
			throw new IllegalArgumentException("@CollectedRecord on " + recordType.getName() + " names no key");
		}
		this.keyColumns = Arrays.stream(annotation.key()).map((name) -> column(name, "key")).toList();
		this.timestampColumn = StringUtils.hasText(annotation.timestamp()) ? column(annotation.timestamp(), "timestamp")
				: null;
		this.symbolColumn = StringUtils.hasText(annotation.symbol()) ? column(annotation.symbol(), "symbol") : null;
	}

	/**
	 * Read the schema of a record type.
	 * @param <T> the record type
	 * @param recordType a type annotated with {@link CollectedRecord}
	 * @return its schema
	 * @throws IllegalArgumentException when the type is not annotated or the annotation
	 * names properties the type does not have
	 */
	public static <T> AnnotatedRecordSchema<T> of(Class<T> recordType) {
		CollectedRecord annotation = recordType.getAnnotation(CollectedRecord.class);
		if (annotation == null) {
			throw new IllegalArgumentException(recordType.getName() + " is not annotated with @"
					+ CollectedRecord.class.getSimpleName() + " and no RecordSchema bean maps it");
		}
		return new AnnotatedRecordSchema<>(recordType, annotation);
	}

	/**
	 * The snake_case column name of a Java property name.
	 * @param property a property name such as {@code publishedAt}
	 * @return the column name such as {@code published_at}
	 */
	public static String columnName(String property) {
		return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
	}

	private String column(String name, String role) {
		String column = this.columns.contains(name) ? name : columnName(name);
		if (!this.columns.contains(column)) {
			throw new IllegalArgumentException("@CollectedRecord(" + role + ") on " + this.recordType.getName()
					+ " names '" + name + "', which is not one of its properties " + this.columns);
		}
		return column;
	}

	private static String requireIdentifier(String name, String role, Class<?> type) {
		if (!IDENTIFIER.matcher(name).matches()) {
			throw new IllegalArgumentException("@CollectedRecord(" + role + ") on " + type.getName()
					+ " is not an SQL identifier: '" + name + "'");
		}
		return name;
	}

	private static Map<String, Accessor> properties(Class<?> type) {
		Map<String, Accessor> properties = new LinkedHashMap<>();
		if (type.isRecord()) {
			for (RecordComponent component : type.getRecordComponents()) {
				Method accessor = component.getAccessor();
				ReflectionUtils.makeAccessible(accessor);
				properties.put(columnName(component.getName()),
						(record) -> ReflectionUtils.invokeMethod(accessor, record));
			}
			return properties;
		}
		List<Field> fields = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			fields.addAll(0, Arrays.asList(c.getDeclaredFields()));
		}
		for (Field field : fields) {
			int modifiers = field.getModifiers();
			if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers) || field.isSynthetic()) {
				continue;
			}
			ReflectionUtils.makeAccessible(field);
			properties.put(columnName(field.getName()), (record) -> ReflectionUtils.getField(field, record));
		}
		return properties;
	}

	@Override
	public Class<T> recordType() {
		return this.recordType;
	}

	@Override
	public String table() {
		return this.table;
	}

	@Override
	public List<String> columns() {
		return this.columns;
	}

	@Override
	public List<String> keyColumns() {
		return this.keyColumns;
	}

	@Override
	public String timestampColumn() {
		return this.timestampColumn;
	}

	@Override
	public String symbolColumn() {
		return this.symbolColumn;
	}

	@Override
	public Object[] values(T record) {
		Object[] values = new Object[this.accessors.size()];
		for (int i = 0; i < values.length; i++) {
			values[i] = this.accessors.get(i).get(record);
		}
		return values;
	}

	@FunctionalInterface
	private interface Accessor {

		Object get(Object record);

	}

}
