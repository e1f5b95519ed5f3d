package dev.collector.resilience;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.convert.DurationStyle;

import dev.collector.budget.SettableRateBudget;
import dev.collector.config.CollectorProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A replica's rate limiter spends its share of the budget and nothing more, also while
 * the share changes: a caller that was waiting for a permit of the limiter a new share
 * replaced queues again on the new one. (Three replicas once let 25 requests through in
 * 10 s against a budget of 20, each getting the first permits of two or three limiters
 * that followed one another.)
 */
class ShareChangeTests {

	private final ExecutorService callers = Executors.newCachedThreadPool();

	private final SettableRateBudget budget = new SettableRateBudget();

	@AfterEach
	void stop() {
		this.callers.shutdownNow();
	}

	@Test
	void aCallerWaitingOnAReplacedLimiterWaitsForTheNewOnesFirstPermit() throws Exception {
		CollectorResilience resilience = resilience("10s");
		// one permit a second, none at once: the caller waits about a second
		this.budget.share(60);
		long start = System.nanoTime();
		CompletableFuture<Long> waiting = permitAt(resilience);
		Thread.sleep(200);
		// the share shrinks to one permit every three seconds while it waits
		long replaced = System.nanoTime();
		this.budget.share(20);
		long permitted = waiting.get(20, TimeUnit.SECONDS);
		assertThat(permitted - replaced)
			.as("nanoseconds from the new share to the waiting caller's permit "
					+ "(the replaced limiter's permit was due %d ms after the start)",
					TimeUnit.NANOSECONDS.toMillis(replaced - start) + 1000)
			.isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(2900));
	}

	@Test
	void callersOfSeveralReplacedLimitersGetTheNewOnesPermitsOneAPeriodApart() throws Exception {
		CollectorResilience resilience = resilience("20s");
		this.budget.share(60);
		CompletableFuture<Long> first = permitAt(resilience);
		Thread.sleep(100);
		this.budget.share(40);
		CompletableFuture<Long> second = permitAt(resilience);
		Thread.sleep(100);
		this.budget.share(30);
		CompletableFuture<Long> third = permitAt(resilience);
		long a = first.get(30, TimeUnit.SECONDS);
		long b = second.get(30, TimeUnit.SECONDS);
		long c = third.get(30, TimeUnit.SECONDS);
		long[] sorted = LongStream.of(a, b, c).sorted().toArray();
		// the last limiter hands out one permit every two seconds, whoever waited where
		assertThat(sorted[1] - sorted[0]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1900));
		assertThat(sorted[2] - sorted[1]).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1900));
	}

	@Test
	void aCallerThatQueuesAgainIsRefusedWhenTheNewLimiterHasNoPermitWithinMaxWait() throws Exception {
		CollectorResilience resilience = resilience("1500ms");
		this.budget.share(60);
		CompletableFuture<Long> waiting = permitAt(resilience);
		Thread.sleep(200);
		// a permit every 30 s: beyond max-wait for the caller that queues again
		this.budget.share(2);
		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> waiting.get(20, TimeUnit.SECONDS))
			.withCauseInstanceOf(RequestNotPermitted.class);
	}

	private CollectorResilience resilience(String maxWait) {
		CollectorProperties properties = new CollectorProperties();
		properties.setName("readings");
		properties.getRateLimit().setMaxWait(DurationStyle.detectAndParse(maxWait));
		return new CollectorResilience("readings", RateLimiterRegistry.ofDefaults(),
				CircuitBreakerRegistry.ofDefaults(), RetryRegistry.ofDefaults(), TimeLimiterRegistry.ofDefaults(),
				properties, this.budget);
	}

	/** The moment (System.nanoTime) the caller got its permit. */
	private CompletableFuture<Long> permitAt(CollectorResilience resilience) {
		return CompletableFuture.supplyAsync(() -> {
			resilience.acquirePermit();
			return System.nanoTime();
		}, this.callers);
	}

}
