package dev.collector.resilience;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.Registry;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;

import dev.collector.budget.RateBudget;
import dev.collector.collect.RunningCollector;
import dev.collector.collect.SourceInvoker;
import dev.collector.config.CircuitBreakerProperties;
import dev.collector.config.CollectorProperties;
import dev.collector.config.RateLimitProperties;
import dev.collector.config.RetryProperties;

/**
 * The Resilience4j instances around one collector's source, all named after the
 * collector: a rate limiter, a circuit breaker, a retry (exponential backoff with jitter)
 * and a time limiter. Kept in the application's registries, so the Resilience4j
 * Micrometer binders show them with no code of ours, and so do Actuator's
 * /actuator/circuitbreakers, /actuator/ratelimiters and /actuator/retries when the
 * application adds resilience4j-spring-boot3. Besides the source call, the collector HTTP
 * client and the sink's database retry use the same instances (the sink has its own
 * retry, {@code <name>-sink}).
 * <p>
 * A source call goes Retry(CircuitBreaker(RateLimiter(TimeLimiter(call)))): every attempt
 * waits for its own permit and counts in the breaker; an open breaker is not retried.
 * <p>
 * {@link #apply(CollectorProperties)} replaces the instances when the properties change
 * (/actuator/refresh); callers look them up on every call, so the new ones apply at once.
 */
public class CollectorResilience implements DisposableBean {

	private final String name;

	private final RateLimiterRegistry rateLimiters;

	private final CircuitBreakerRegistry circuitBreakers;

	private final RetryRegistry retries;

	private final TimeLimiterRegistry timeLimiters;

	private final ExecutorService attempts;

	private volatile Set<Integer> retryOnStatus = Set.of();

	private final Map<String, List<Object>> applied = new HashMap<>();

	private final RateBudget budget;

	private volatile java.time.Duration maxWait;

	private volatile double share;

	public CollectorResilience(String name, RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, TimeLimiterRegistry timeLimiters, CollectorProperties properties) {
		this(name, rateLimiters, circuitBreakers, retries, timeLimiters, properties, null);
	}

	/**
	 * Create the instances.
	 * @param name the collector's name
	 * @param rateLimiters the rate limiter registry
	 * @param circuitBreakers the circuit breaker registry
	 * @param retries the retry registry
	 * @param timeLimiters the time limiter registry
	 * @param properties the collector's properties
	 * @param budget the rate budget whose share the rate limiter spends, or {@code null}
	 * for a limiter of requests-per-minute of its own
	 */
	public CollectorResilience(String name, RateLimiterRegistry rateLimiters, CircuitBreakerRegistry circuitBreakers,
			RetryRegistry retries, TimeLimiterRegistry timeLimiters, CollectorProperties properties,
			RateBudget budget) {
		this.budget = budget;
		this.name = name;
		this.rateLimiters = rateLimiters;
		this.circuitBreakers = circuitBreakers;
		this.retries = retries;
		this.timeLimiters = timeLimiters;
		this.attempts = Executors.newCachedThreadPool(daemonThreads(name + "-source-"));
		apply(properties);
		if (budget != null) {
			budget.onShareChange(this::applyShare);
		}
	}

	/**
	 * Create or replace the instances from the properties.
	 * @param properties the collector's (new) properties
	 */
	public synchronized void apply(CollectorProperties properties) {
		this.retryOnStatus = Set.copyOf(new HashSet<>(properties.getRetry().getRetryOnStatus()));
		RateLimitProperties rateLimit = properties.getRateLimit();
		this.maxWait = rateLimit.getMaxWait();
		if (this.budget != null) {
			if (changed("rate-limit", rateLimit.getRequestsPerMinute(), rateLimit.getMaxWait())) {
				// the budget decides the rate (shared, adaptive); the limiter spends it
				this.budget.configure(rateLimit.getRequestsPerMinute());
				double current = (this.share > 0) ? this.share : rateLimit.getRequestsPerMinute();
				putRateLimiter(ResilienceSettings.rateLimiter(current, rateLimit.getMaxWait()));
				// not even the first permit before the budget granted a share: a caller
				// that passed the budget while a share was being applied would spend
				// this limiter's
				rateLimiter().drainPermissions();
			}
		}
		else if (changed("rate-limit", rateLimit.getRequestsPerMinute(), rateLimit.getMaxWait())) {
			RateLimiterConfig rate = ResilienceSettings.rateLimiter(rateLimit);
			put(this.rateLimiters, this.name, () -> RateLimiter.of(this.name, rate),
					() -> this.rateLimiters.rateLimiter(this.name, rate));
		}
		CircuitBreakerProperties circuitBreaker = properties.getCircuitBreaker();
		// a new breaker starts closed: only replace it when its settings changed
		if (changed("circuit-breaker", circuitBreaker.getFailureThreshold(), circuitBreaker.getOpenDuration(),
				circuitBreaker.getHalfOpenCalls())) {
			CircuitBreakerConfig breaker = ResilienceSettings.circuitBreaker(circuitBreaker);
			put(this.circuitBreakers, this.name, () -> CircuitBreaker.of(this.name, breaker),
					() -> this.circuitBreakers.circuitBreaker(this.name, breaker));
		}
		RetryProperties retry = properties.getRetry();
		if (changed("retry", retry.getMaxAttempts(), retry.getInitialDelay(), retry.getMaxDelay(),
				retry.getMultiplier(), retry.getJitter())) {
			RetryConfig sourceRetry = ResilienceSettings.retry(retry,
					(failure) -> ResilienceSettings.retryableSourceFailure(failure, this.retryOnStatus));
			put(this.retries, this.name, () -> Retry.of(this.name, sourceRetry),
					() -> this.retries.retry(this.name, sourceRetry));
			RetryConfig sinkRetry = ResilienceSettings.retry(retry, TransientDatabaseFailures::isTransient);
			put(this.retries, sinkRetryName(), () -> Retry.of(sinkRetryName(), sinkRetry),
					() -> this.retries.retry(sinkRetryName(), sinkRetry));
			RetryConfig httpRetry = ResilienceSettings.retry(retry, ResilienceSettings::retryableHttpFailure);
			put(this.retries, httpRetryName(), () -> Retry.of(httpRetryName(), httpRetry),
					() -> this.retries.retry(httpRetryName(), httpRetry));
		}
		if (changed("time-limiter", retry.getAttemptTimeout())) {
			TimeLimiterConfig time = ResilienceSettings.timeLimiter(retry);
			put(this.timeLimiters, this.name, () -> TimeLimiter.of(this.name, time),
					() -> this.timeLimiters.timeLimiter(this.name, time));
		}
	}

	/**
	 * Spend a new share of the budget: the rate limiter is replaced by one of that rate.
	 * @param requestsPerMinute this replica's share
	 */
	synchronized void applyShare(double requestsPerMinute) {
		this.share = requestsPerMinute;
		putRateLimiter(ResilienceSettings.rateLimiter(requestsPerMinute, this.maxWait));
		// a new limiter would hand out a permit at once: its first one comes a period
		// later, so that no change of the share lets through more than the share
		rateLimiter().drainPermissions();
	}

	private void putRateLimiter(RateLimiterConfig rate) {
		put(this.rateLimiters, this.name, () -> RateLimiter.of(this.name, rate),
				() -> this.rateLimiters.rateLimiter(this.name, rate));
	}

	/**
	 * Take a permit of the rate limiter of the moment, waiting up to
	 * {@code rate-limit.max-wait} for it. A permit that a caller waited for on a limiter
	 * that a new share replaced meanwhile is not spent: the caller queues again on the
	 * new limiter, so the permits reserved on the old one never add to the new one's
	 * (which would let through more than the share for a while). Such a caller waits up
	 * to max-wait again on the new limiter.
	 * @throws RequestNotPermitted when no permit comes in time
	 */
	public void acquirePermit() {
		long deadline = System.nanoTime() + this.maxWait.toNanos();
		RateLimiter limiter = rateLimiter();
		while (true) {
			if (!limiter.acquirePermission()) {
				throw RequestNotPermitted.createRequestNotPermitted(limiter);
			}
			RateLimiter current = rateLimiter();
			if (current == limiter) {
				return;
			}
			if (System.nanoTime() - deadline > 0) {
				throw RequestNotPermitted.createRequestNotPermitted(current);
			}
			limiter = current;
		}
	}

	/**
	 * Wait for this replica's turn in the rate budget (its share is above zero, no pause
	 * after a 429); without a budget, at once.
	 * @throws RequestNotPermitted when the wait would pass rate-limit.max-wait
	 */
	public void awaitBudget() {
		if (this.budget == null) {
			return;
		}
		try {
			if (!this.budget.awaitTurn(this.maxWait)) {
				throw RequestNotPermitted.createRequestNotPermitted(rateLimiter());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw RequestNotPermitted.createRequestNotPermitted(rateLimiter());
		}
	}

	/**
	 * The source answered 429: pause every call (of every replica with a cluster-wide
	 * budget) for the time it asked for, and shrink the budget.
	 * @param retryAfter the Retry-After it named, or {@code null}
	 */
	public void throttled(java.time.Duration retryAfter) {
		if (this.budget != null) {
			this.budget.throttled(retryAfter);
		}
	}

	/** Whether the settings of an instance differ from those it was last built with. */
	private boolean changed(String instance, Object... settings) {
		List<Object> current = Arrays.asList(settings);
		return !current.equals(this.applied.put(instance, current));
	}

	/** Replace an existing instance in place (no moment without one), else create it. */
	private static <E> void put(Registry<E, ?> registry, String name, Supplier<E> replacement, Supplier<E> creation) {
		if (registry.find(name).isPresent()) {
			registry.replace(name, replacement.get());
		}
		else {
			creation.get();
		}
	}

	public String name() {
		return this.name;
	}

	public RateLimiter rateLimiter() {
		return this.rateLimiters.rateLimiter(this.name);
	}

	public CircuitBreaker circuitBreaker() {
		return this.circuitBreakers.circuitBreaker(this.name);
	}

	public Retry retry() {
		return this.retries.retry(this.name);
	}

	public Retry sinkRetry() {
		return this.retries.retry(sinkRetryName());
	}

	public TimeLimiter timeLimiter() {
		return this.timeLimiters.timeLimiter(this.name);
	}

	/**
	 * HTTP statuses worth another attempt.
	 * @return the statuses from collector.retry.retry-on-status
	 */
	public Set<Integer> retryOnStatus() {
		return this.retryOnStatus;
	}

	/**
	 * Retry of the collector HTTP client's requests, {@code <name>-http}.
	 * @return the retry
	 */
	public Retry httpRetry() {
		return this.retries.retry(httpRetryName());
	}

	private String httpRetryName() {
		return this.name + "-http";
	}

	private String sinkRetryName() {
		return this.name + "-sink";
	}

	/**
	 * Open the source's stream through the rate limiter, breaker, retry and time limiter;
	 * what the {@link SourceInvoker} bean does.
	 * @param source the call to the collector
	 * @return the collector's stream
	 * @throws Exception the last failure when every attempt failed
	 */
	public Stream<?> open(Callable<? extends Stream<?>> source) throws Exception {
		Callable<Stream<?>> timed = timed(source);
		// the budget is asked again once the permit came: a 429 may have paused it
		// meanwhile
		Callable<Stream<?>> permitted = () -> {
			awaitBudget();
			return timed.call();
		};
		// the limiter of the moment, at every attempt: a share that changed (a 429, a
		// replica that came or went) replaces it, and a retry must not spend the
		// permits of the one that was current when the call began
		Callable<Stream<?>> limited = () -> {
			acquirePermit();
			return permitted.call();
		};
		Callable<Stream<?>> budgeted = () -> {
			awaitBudget();
			try {
				return limited.call();
			}
			catch (Exception ex) {
				Throttling.of(ex).ifPresent(this::throttled);
				throw ex;
			}
		};
		Callable<Stream<?>> guarded = CircuitBreaker.decorateCallable(circuitBreaker(), budgeted);
		return Retry.decorateCallable(retry(), guarded).call();
	}

	/**
	 * One attempt on a thread of its own, so the time limiter can give up on it; the MDC
	 * (run id) goes along.
	 */
	private Callable<Stream<?>> timed(Callable<? extends Stream<?>> source) {
		TimeLimiter limiter = timeLimiter();
		return () -> {
			Map<String, String> mdc = MDC.getCopyOfContextMap();
			// the run's collector goes along too (RunningCollector)
			Callable<? extends Stream<?>> marked = RunningCollector.propagate(source);
			return limiter.executeFutureSupplier(() -> CompletableFuture.supplyAsync(() -> {
				if (mdc != null) {
					MDC.setContextMap(mdc);
				}
				try {
					return marked.call();
				}
				catch (RuntimeException ex) {
					throw ex;
				}
				catch (Exception ex) {
					throw new java.util.concurrent.CompletionException(ex);
				}
				finally {
					MDC.clear();
				}
			}, this.attempts));
		};
	}

	@Override
	public void destroy() {
		this.attempts.shutdownNow();
	}

	private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
