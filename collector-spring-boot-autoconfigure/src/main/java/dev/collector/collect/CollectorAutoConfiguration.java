package dev.collector.collect;

import java.time.Clock;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Validator;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import dev.collector.config.CollectorIdentity;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RunMode;
import dev.collector.schema.AnnotatedRecordSchema;
import dev.collector.schema.RecordSchema;

/**
 * The collector itself, registered in each context that serves one {@link Collector}
 * ({@link ConditionalOnCollector}): the pipeline (processors, validation, sink,
 * quarantine), the single-flight runner with its checkpoint, and the schedule. Every bean
 * backs off when the application declares its own.
 */
@AutoConfiguration(after = { JacksonAutoConfiguration.class, ValidationAutoConfiguration.class })
@ConditionalOnCollector
@EnableConfigurationProperties(CollectorProperties.class)
public class CollectorAutoConfiguration {

	/** Name of the executor that runs collections, one at a time. */
	public static final String TASK_SCHEDULER_BEAN_NAME = "collectorTaskScheduler";

	@Bean
	@ConditionalOnMissingBean
	CollectorIdentity collectorIdentity(CollectorProperties properties, Environment environment) {
		// not the collector's name(): the collector may need beans that need the identity
		// (its HTTP client, for one); with several collectors collector.name is its name
		return CollectorIdentity.resolve(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	Clock collectorClock() {
		return Clock.systemUTC();
	}

	@Bean
	@ConditionalOnMissingBean(RecordSchema.class)
	RecordSchema<?> collectorRecordSchema(ListableBeanFactory beanFactory) {
		return AnnotatedRecordSchema.of(SingleCollector.of(beanFactory).recordType());
	}

	@Bean
	@ConditionalOnMissingBean
	IngestionTimestampProcessor ingestionTimestampProcessor(Clock clock) {
		return new IngestionTimestampProcessor(clock);
	}

	@Bean
	@ConditionalOnMissingBean
	CollectorStatus collectorStatus() {
		return new CollectorStatus();
	}

	@Bean(name = TASK_SCHEDULER_BEAN_NAME, defaultCandidate = false)
	@ConditionalOnMissingBean(name = TASK_SCHEDULER_BEAN_NAME)
	ThreadPoolTaskScheduler collectorTaskScheduler(CollectorProperties properties) {
		// not a default candidate: an application's own @Scheduled tasks keep Boot's
		// scheduler
		ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
		scheduler.setPoolSize(1);
		scheduler.setThreadNamePrefix("collector-");
		scheduler.setWaitForTasksToCompleteOnShutdown(true);
		scheduler.setAwaitTerminationMillis(properties.getShutdownTimeout().toMillis());
		scheduler.setRemoveOnCancelPolicy(true);
		return scheduler;
	}

	@Bean
	@ConditionalOnMissingBean
	@SuppressWarnings({ "unchecked", "rawtypes" })
	CollectionPipeline<?> collectionPipeline(CollectorProperties properties, CollectorIdentity identity,
			ObjectProvider<RecordProcessor<?>> processors, ObjectProvider<Validator> validator, RecordSink<?> sink,
			Quarantine quarantine, ObjectProvider<ObjectMapper> objectMapper,
			ObjectProvider<CollectionObserver> observers, ObjectProvider<SourceInvoker> sourceInvoker,
			ObjectProvider<RecordSinkDecorator> sinkDecorators, ConfigurableListableBeanFactory beanFactory) {
		Collector<?> theCollector = SingleCollector.of(beanFactory);
		Set<Object> accepting = acceptingProcessors(beanFactory, theCollector.recordType());
		List<RecordProcessor<?>> applicable = processors.orderedStream().filter(accepting::contains).toList();
		RecordValidator recordValidator = new RecordValidator(
				properties.getValidation().isEnabled() ? validator.getIfAvailable() : null);
		RecordSink<?> decorated = sink;
		for (RecordSinkDecorator decorator : sinkDecorators.orderedStream().toList()) {
			decorated = decorator.decorate(decorated);
		}
		return new CollectionPipeline(identity.name(), theCollector, applicable, recordValidator, decorated, quarantine,
				objectMapper.getIfAvailable(() -> new ObjectMapper().findAndRegisterModules()), observersOf(observers),
				() -> properties.getSink().getBatchSize(), sourceInvoker.getIfAvailable(() -> SourceInvoker.DIRECT),
				properties.getSink().isPipelined());
	}

	@Bean
	@ConditionalOnMissingBean
	@DependsOnDatabaseInitialization
	CollectionRunner collectionRunner(CollectorProperties properties, CollectorIdentity identity,
			CollectionPipeline<?> pipeline, CheckpointStore checkpoints, RunHistory history,
			ObjectProvider<CollectionObserver> observers, ApplicationEventPublisher events, Clock clock,
			@Qualifier(TASK_SCHEDULER_BEAN_NAME) ThreadPoolTaskScheduler executor, CollectorStatus status,
			ObjectProvider<PartRetries> partRetries, ObjectProvider<RunPermits> runPermits) {
		status.seed(history, identity.name());
		CollectionRunner runner = new CollectionRunner(identity.name(), identity.instanceId(), pipeline, checkpoints,
				history, observersOf(observers), events, clock, executor, properties.getSchedule().getInterval());
		// looked up at each run: the ledger's retries are defined with the cluster
		runner.setPartRetries((live) -> partRetries.getIfAvailable(() -> PartRetries.NONE).retries(live));
		// with several collectors, the application's bound on the runs in flight
		runPermits.ifAvailable(runner::setRunPermits);
		return runner;
	}

	@Bean
	// with db-scheduler (cluster auto-configuration) the schedule is its recurring task
	@ConditionalOnMissingBean(value = LocalCollectionScheduler.class, name = "collectorScheduler")
	@ConditionalOnBooleanProperty(name = "collector.schedule.enabled", matchIfMissing = true)
	LocalCollectionScheduler collectionScheduler(CollectorProperties properties, CollectionRunner runner,
			@Qualifier(TASK_SCHEDULER_BEAN_NAME) ThreadPoolTaskScheduler scheduler, Clock clock,
			Environment environment) {
		LocalCollectionScheduler schedule = new LocalCollectionScheduler(runner, scheduler, clock,
				properties.getSchedule().getInitialDelay(), properties.getSchedule().getInterval());
		// read at run time, not in a condition: an AOT build serves and runs once alike
		schedule.setAutoStartup(RunMode.of(environment).isEmpty());
		return schedule;
	}

	private static CollectionObserver observersOf(ObjectProvider<CollectionObserver> observers) {
		return new CompositeCollectionObserver(observers.orderedStream().toList());
	}

	/**
	 * The processor beans whose declared type argument is the record type or one of its
	 * supertypes; generics are read from the bean definitions, so lambdas work too.
	 */
	private static Set<Object> acceptingProcessors(ConfigurableListableBeanFactory beanFactory, Class<?> recordType) {
		Set<Object> accepting = Collections.newSetFromMap(new IdentityHashMap<>());
		for (String name : beanFactory.getBeanNamesForType(RecordProcessor.class)) {
			Object processor = beanFactory.getBean(name);
			ResolvableType declared = beanFactory.containsBeanDefinition(name)
					? beanFactory.getMergedBeanDefinition(name).getResolvableType() : ResolvableType.NONE;
			Class<?> accepted = declared.as(RecordProcessor.class).getGeneric(0).resolve();
			if (accepted == null) {
				accepted = ResolvableType.forInstance(processor)
					.as(RecordProcessor.class)
					.getGeneric(0)
					.resolve(Object.class);
			}
			if (accepted.isAssignableFrom(recordType)) {
				accepting.add(processor);
			}
		}
		return accepting;
	}

}
