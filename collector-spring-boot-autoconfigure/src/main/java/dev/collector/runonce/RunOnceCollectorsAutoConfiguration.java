package dev.collector.runonce;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.ConditionalOnCollector;
import dev.collector.collect.ConditionalOnCollector.Cardinality;
import dev.collector.collectors.CollectorsAutoConfiguration;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RunMode;

/**
 * One-shot runs of an application with several collectors. Each collector's own context
 * holds its {@link RunOnceTask}s ({@link RunOnceAutoConfiguration} is per collector), but
 * Spring Boot calls the {@code ApplicationRunner}s of the application's context only:
 * this configuration's {@link RunOnceRunner} runs there, through a
 * {@link CollectorsRunOnceTask} per mode, and its exit code is the worst of the
 * collectors' ({@link RunOnceStatus#worst}). The runner in each collector's context backs
 * off, since it sees this one.
 */
@AutoConfiguration(after = CollectorsAutoConfiguration.class)
@ConditionalOnCollector(Cardinality.SEVERAL)
@EnableConfigurationProperties(CollectorProperties.class)
public class RunOnceCollectorsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	RunOnceRunner collectorRunOnceRunner(CollectorProperties properties, Environment environment,
			CollectorRegistry registry) {
		List<RunOnceTask> tasks = Arrays.stream(RunMode.values())
			.<RunOnceTask>map(
					(mode) -> new CollectorsRunOnceTask(mode, registry, () -> properties.getRunOnce().getCollectors()))
			.toList();
		return new RunOnceRunner(RunMode.of(environment), tasks, properties.getRunOnce().isExit(), System.out,
				RunOnceStatus::worst);
	}

}
