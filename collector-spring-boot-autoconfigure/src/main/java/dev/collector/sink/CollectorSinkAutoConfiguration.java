package dev.collector.sink;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Primary;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.CollectorAutoConfiguration;
import dev.collector.collect.RecordSink;
import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.FileSinkProperties;
import dev.collector.config.SinkType;
import dev.collector.jdbc.CollectorJdbcAutoConfiguration;

/**
 * The sinks {@code collector.sink.types} selects. With the default ({@code jdbc}) this
 * adds nothing; otherwise a {@link CompositeRecordSink}, primary over the application's
 * or the JDBC {@link RecordSink}, writes every batch to the selected sinks in order.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, CollectorJdbcAutoConfiguration.class },
		before = CollectorAutoConfiguration.class)
@ConditionalOnCollector
@Conditional(CollectorSinkAutoConfiguration.OnFanOut.class)
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorSinkAutoConfiguration {

	/** Name of the composite sink bean. */
	public static final String COMPOSITE_SINK_BEAN_NAME = "collectorCompositeRecordSink";

	@Bean(name = COMPOSITE_SINK_BEAN_NAME, destroyMethod = "close")
	@Primary
	@ConditionalOnMissingBean(name = COMPOSITE_SINK_BEAN_NAME)
	@SuppressWarnings({ "unchecked", "rawtypes" })
	CompositeRecordSink<?> collectorCompositeRecordSink(CollectorProperties properties, CollectorIdentity identity,
			ObjectProvider<ObjectMapper> objectMapper, ObjectProvider<Clock> clock,
			ConfigurableListableBeanFactory beanFactory) {
		FileSinkProperties file = properties.getSink().getFile();
		ObjectMapper mapper = objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules());
		Path directory = Path.of(file.getDirectory());
		long maxBytes = file.getMaxSize().toBytes();
		Clock theClock = clock.getIfAvailable(Clock::systemUTC);
		List<RecordSink> sinks = new ArrayList<>();
		for (SinkType type : properties.getSink().getTypes()) {
			sinks.add(switch (type) {
				case JDBC -> applicationSink(beanFactory);
				case JSONL -> new JsonLinesRecordSink<>(mapper, directory, identity.name(), maxBytes,
						file.isRotateDaily(), file.isFsync(), theClock);
				case CSV -> new CsvRecordSink<>(mapper, directory, identity.name(), maxBytes, file.isRotateDaily(),
						file.isFsync(), theClock);
			});
		}
		return new CompositeRecordSink(sinks);
	}

	private static RecordSink<?> applicationSink(ConfigurableListableBeanFactory beanFactory) {
		List<String> names = new ArrayList<>(List.of(beanFactory.getBeanNamesForType(RecordSink.class)));
		names.remove(COMPOSITE_SINK_BEAN_NAME);
		if (names.size() != 1) {
			throw new IllegalStateException("collector.sink.types includes jdbc, which means the application's "
					+ "RecordSink bean, but there are " + names.size() + " " + names
					+ ": configure a DataSource for the JDBC sink, declare one RecordSink, or drop jdbc from the list");
		}
		return beanFactory.getBean(names.get(0), RecordSink.class);
	}

	/** Matches when {@code collector.sink.types} is anything but {@code jdbc} alone. */
	static class OnFanOut extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			List<SinkType> types = Binder.get(context.getEnvironment())
				.bind("collector.sink.types", Bindable.listOf(SinkType.class))
				.orElse(List.of(SinkType.JDBC));
			return types.equals(List.of(SinkType.JDBC)) ? ConditionOutcome.noMatch("collector.sink.types is jdbc")
					: ConditionOutcome.match("collector.sink.types is " + types);
		}

	}

}
