package dev.collector.tracing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.collector.collect.Collector;
import dev.collector.fixtures.Reading;

/**
 * A collector application on H2 that exports every span to an OTLP receiver.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TracedCollectorApplication {

	static ConfigurableApplicationContext start(Collector<Reading> collector, OtlpReceiver receiver,
			String... properties) {
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
				"collector.name=readings", "collector.instance-id=only", "collector.jdbc.initialize-schema=always",
				"collector.schedule.enabled=false", "collector.sink.batch-size=2", "collector.retry.max-attempts=1",
				"collector.backfill.polling-interval=100ms", "collector.backfill.batch-size=3",
				"collector.backfill.max-retries=0", "collector.retention.days=0",
				"logging.level.com.github.kagkarlsson=warn", "management.tracing.sampling.probability=1",
				"management.otlp.tracing.endpoint=" + receiver.endpoint()));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(TracedCollectorApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.initializers((initialized) -> ((GenericApplicationContext) initialized).registerBean("collector",
					Collector.class, () -> collector))
			.run();
		context.getBean(JdbcTemplate.class).execute(Reading.DDL);
		return context;
	}

}
