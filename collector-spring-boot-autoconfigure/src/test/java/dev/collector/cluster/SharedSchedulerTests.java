package dev.collector.cluster;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import com.github.kagkarlsson.scheduler.Scheduler;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.collector.backfill.BackfillProgress;
import dev.collector.backfill.BackfillRequest;
import dev.collector.backfill.BackfillService;
import dev.collector.backfill.BackfillStatus;
import dev.collector.collect.CollectionObserver;
import dev.collector.collect.CollectionRequest;
import dev.collector.collect.CollectionResult.Status;
import dev.collector.collect.CollectionResult;
import dev.collector.collect.CollectorRegistry;
import dev.collector.collect.CollectorUnit;
import dev.collector.collect.LocalCollectionScheduler;
import dev.collector.collect.RunHistory;
import dev.collector.collect.RunPermits;
import dev.collector.fixtures.RunsBesideOtherTests;
import dev.collector.fixtures.QuoteCollector;
import dev.collector.fixtures.ScriptedCollector;
import dev.collector.fixtures.TwoCollectorsApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two collectors on H2 share one db-scheduler in the application's context: both collect
 * on their schedule through it, one failing leaves the other's runs alone, a run of one
 * never waits for a run of the other, and {@code collector.max-concurrent-runs=1} lets
 * one run at a time.
 */
@RunsBesideOtherTests
class SharedSchedulerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final ApplicationContextRunner twoCollectors = new ApplicationContextRunner()
		.withUserConfiguration(TwoCollectorsApplication.class, InFlightConfiguration.class)
		.withPropertyValues("spring.datasource.generate-unique-name=true", TwoCollectorsApplication.SCHEMA,
				"spring.main.web-application-type=none", "collector.schedule.enabled=true",
				"collector.schedule.initial-delay=0s", "collector.schedule.interval=300ms",
				"collector.backfill.polling-interval=100ms", "collector.shutdown-timeout=2s",
				"logging.level.com.github.kagkarlsson=warn");

	@Test
	void oneSchedulerInTheApplicationServesBothCollectors() {
		this.twoCollectors.run((context) -> {
			assertThat(context).hasNotFailed().hasBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME);
			assertThat(context.getBean(CollectorClusterAutoConfiguration.SCHEDULER_BEAN_NAME))
				.isInstanceOf(Scheduler.class);
			assertThat(context).hasSingleBean(ClusterSchedulerLifecycle.class).hasSingleBean(RestartRecovery.class);
			assertThat(context.getBean(RunPermits.class).limit()).isEqualTo(2);
			for (CollectorUnit unit : registry(context).units()) {
				ConfigurableApplicationContext child = (ConfigurableApplicationContext) unit.context();
				// the collector keeps its collection and tasks, but no scheduler of its
				// own
				assertThat(child.getBeanFactory().getBeanNamesForType(ClusterCollection.class)).hasSize(1);
				assertThat(child.getBeanFactory().getBeanNamesForType(Scheduler.class)).isEmpty();
				assertThat(child.getBeanFactory().getBeanNamesForType(ClusterSchedulerLifecycle.class)).isEmpty();
				assertThat(child.getBeanFactory().getBeanNamesForType(RestartRecovery.class)).isEmpty();
				assertThat(child.getBeanFactory().getBeanNamesForType(LocalCollectionScheduler.class)).isEmpty();
			}
			SharedClusterTasks tasks = context.getBean(SharedClusterTasks.class);
			assertThat(tasks.collections()).extracting(ClusterCollection::collectorName)
				.containsExactly("readings", "quotes");
			// one task per name, each serving both collectors
			assertThat(tasks.all()).extracting((task) -> task.getName())
				.containsExactlyInAnyOrder(ClusterCollection.TASK.getTaskName(), "collector-backfill-chunk",
						"collector-retention");
			assertThat(tasks.tasks(true))
				.allSatisfy((task) -> assertThat(task.owners()).extracting(SharedTask.Owner::collector)
					.containsExactly("readings", "quotes"));

			await("scheduled runs of both collectors", () -> runs(context, "readings", Status.SUCCEEDED) >= 3
					&& runs(context, "quotes", Status.SUCCEEDED) >= 3);
		});
	}

	@Test
	void aFailingCollectorLeavesTheOthersRunsAlone() {
		this.twoCollectors.run((context) -> {
			QuoteCollector quotes = context.getBean(QuoteCollector.class);
			quotes.fail("the quote service is down");
			await("failed runs of quotes", () -> runs(context, "quotes", Status.FAILED) >= 2);
			int readingsBefore = runs(context, "readings", Status.SUCCEEDED);
			await("quotes failing again while readings goes on", () -> runs(context, "quotes", Status.FAILED) >= 5
					&& runs(context, "readings", Status.SUCCEEDED) >= readingsBefore + 3);
			assertThat(runs(context, "readings", Status.FAILED)).isZero();
		});
	}

	@Test
	void aRunOfOneCollectorNeverWaitsForTheOther() {
		this.twoCollectors.run((context) -> {
			ScriptedCollector readings = context.getBean(ScriptedCollector.class);
			readings.holding();
			assertThat(readings.awaitEntered()).isTrue();
			int quotesBefore = context.getBean(QuoteCollector.class).calls();
			// readings is held in its run: quotes runs meanwhile, two at once in flight
			await("quotes to run while readings is held",
					() -> context.getBean(QuoteCollector.class).calls() >= quotesBefore + 2);
			assertThat(context.getBean(InFlight.class).most()).isEqualTo(2);
			readings.release();
		});
	}

	@Test
	void maxConcurrentRunsOfOneLetsOneRunAtATime() {
		this.twoCollectors.withPropertyValues("collector.max-concurrent-runs=1").run((context) -> {
			assertThat(context.getBean(RunPermits.class).limit()).isEqualTo(1);
			ScriptedCollector readings = context.getBean(ScriptedCollector.class);
			QuoteCollector quotes = context.getBean(QuoteCollector.class);
			await("runs of both", () -> runs(context, "readings", Status.SUCCEEDED) >= 2
					&& runs(context, "quotes", Status.SUCCEEDED) >= 2);
			readings.holding();
			assertThat(readings.awaitEntered()).isTrue();
			int quotesBefore = quotes.calls();
			ClusterCollection quotesCollection = registry(context).get("quotes").get(ClusterCollection.class);
			// quotes is due and turned away again and again while readings holds the only
			// permit: its execution moves on each time without it being called
			var due = quotesCollection.nextRun().orElseThrow();
			await("quotes to be turned away twice",
					() -> quotesCollection.nextRun().filter((next) -> next.isAfter(due.plusMillis(300))).isPresent());
			assertThat(quotes.calls()).isEqualTo(quotesBefore);
			readings.release();
			await("quotes to run once readings is done", () -> quotes.calls() > quotesBefore);
			await("more runs of both", () -> runs(context, "readings", Status.SUCCEEDED) >= 4
					&& runs(context, "quotes", Status.SUCCEEDED) >= 4);
			assertThat(context.getBean(InFlight.class).most()).isEqualTo(1);
		});
	}

	@Test
	void backfillChunksOfTwoCollectorsTakeTurnsOnOneThread() {
		this.twoCollectors
			.withPropertyValues("collector.schedule.enabled=false", "collector.backfill.threads=1",
					"collector.backfill.batch-size=1", "collector.retention.days=0")
			.run((context) -> {
				ScriptedCollector readings = context.getBean(ScriptedCollector.class);
				readings.returning(() -> {
					sleep(100);
					return Stream.empty();
				});
				BackfillService readingsBackfill = registry(context).get("readings").get(BackfillService.class);
				BackfillService quotesBackfill = registry(context).get("quotes").get(BackfillService.class);
				LocalDate last = LocalDate.now(ZoneOffset.UTC).minusDays(30);
				// readings' long backfill first: 2 symbols x 15 days, one chunk each
				String longOne = readingsBackfill
					.start(new BackfillRequest(last.minusDays(14).toString(), last.toString(), null, false, false))
					.task()
					.taskId();
				await("readings' first chunk", () -> readingsBackfill.progress(longOne).chunksDone() >= 1);
				// then quotes': 2 symbols x 2 days, behind all of readings' chunks in
				// time
				String shortOne = quotesBackfill
					.start(new BackfillRequest(last.minusDays(1).toString(), last.toString(), null, false, false))
					.task()
					.taskId();
				await("quotes' backfill", () -> quotesBackfill.progress(shortOne).task().finalStatus() != null);
				BackfillProgress meanwhile = readingsBackfill.progress(longOne);
				assertThat(quotesBackfill.progress(shortOne).status()).isEqualTo(BackfillStatus.SUCCEEDED);
				// taking turns, quotes' 4 chunks ran among readings' first ones; in the
				// order of their times they would have waited for all 30
				assertThat(meanwhile.chunksDone()).as("readings' chunks done when quotes' backfill ended")
					.isLessThan(20);
				await("readings' backfill", () -> readingsBackfill.progress(longOne).task().finalStatus() != null);
				assertThat(readingsBackfill.progress(longOne).status()).isEqualTo(BackfillStatus.SUCCEEDED);
			});
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static CollectorRegistry registry(AssertableApplicationContext context) {
		return context.getBean(CollectorRegistry.class);
	}

	private static int runs(AssertableApplicationContext context, String collector, Status status) {
		RunHistory history = registry(context).get(collector).get(RunHistory.class);
		List<CollectionResult> recent = history.recent(collector, 1000);
		return (int) recent.stream().filter((run) -> run.status() == status).count();
	}

	static void await(String what, BooleanSupplier condition) {
		long end = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > end) {
				fail("Timed out after " + TIMEOUT + " waiting for " + what);
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted");
			}
		}
	}

	/**
	 * Counts the runs in flight over all collectors (one observer the collectors share)
	 * and keeps the most seen at once.
	 */
	static class InFlight implements CollectionObserver {

		private final AtomicInteger now = new AtomicInteger();

		private final AtomicInteger most = new AtomicInteger();

		@Override
		public void runStarted(CollectionRequest request) {
			this.most.accumulateAndGet(this.now.incrementAndGet(), Math::max);
		}

		@Override
		public void runFinished(CollectionResult result) {
			this.now.decrementAndGet();
		}

		int most() {
			return this.most.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InFlightConfiguration {

		@Bean
		InFlight inFlight() {
			return new InFlight();
		}

	}

}
