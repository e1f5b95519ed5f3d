package dev.collector.web;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.AsyncHandlerInterceptor;

import dev.collector.backfill.BackfillController;
import dev.collector.database.DatabaseAvailability;
import dev.collector.database.DatabaseState;
import dev.collector.database.DatabaseUnavailableException;
import dev.collector.ops.DataQualityController;
import dev.collector.ops.StatusController;

/**
 * Fails fast instead of queueing on the connection pool: a request to one of the
 * collector's endpoints that need the database is turned away with
 * {@link DatabaseUnavailableException} (503, see {@link CollectorErrorFilter}) while the
 * {@link DatabaseAvailability background check} finds the database unavailable, so an
 * outage holds no HTTP thread for the pool's connection timeout (30 s by default) and no
 * queue of waiters is left to drain after it.
 * <p>
 * Such a request also asks for a fresh check when the latest one is older than
 * {@value #FRESHNESS_MILLIS} ms, and a request already under way when the check finds the
 * database gone is interrupted, the way Spring MVC cancels a timed-out asynchronous
 * request: a wait for a pooled connection ends at once with an error (a statement already
 * sent is not affected). The interrupt is cleared when the request ends. So a request
 * that arrived just before an outage was noticed waits at most the check's time limit.
 */
public class DatabaseAvailabilityInterceptor implements AsyncHandlerInterceptor {

	static final long FRESHNESS_MILLIS = 250;

	private static final Duration FRESHNESS = Duration.ofMillis(FRESHNESS_MILLIS);

	/** The collector's controllers that need the database for every request. */
	private static final List<Class<?>> DATABASE_CONTROLLERS = List.of(CollectController.class,
			BackfillController.class, StatusController.class, DataQualityController.class);

	private static final String REGISTRATION = DatabaseAvailabilityInterceptor.class.getName() + ".registration";

	private final DatabaseAvailability availability;

	private final Set<Registration> underWay = ConcurrentHashMap.newKeySet();

	public DatabaseAvailabilityInterceptor(DatabaseAvailability availability) {
		this.availability = availability;
		availability.addListener((state) -> {
			if (!state.available()) {
				this.underWay.forEach(Registration::interrupt);
			}
		});
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (!needsDatabase(request, handler)) {
			return true;
		}
		// registered before reading the state: an outage noticed from now on interrupts
		// it
		Registration registration = new Registration(Thread.currentThread());
		this.underWay.add(registration);
		this.availability.refreshIfOlderThan(FRESHNESS);
		DatabaseState state = this.availability.state();
		if (!state.available()) {
			release(registration);
			throw new DatabaseUnavailableException(state);
		}
		request.setAttribute(REGISTRATION, registration);
		return true;
	}

	@Override
	public void afterConcurrentHandlingStarted(HttpServletRequest request, HttpServletResponse response,
			Object handler) {
		release(request);
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		release(request);
	}

	private void release(HttpServletRequest request) {
		if (request.getAttribute(REGISTRATION) instanceof Registration registration) {
			request.removeAttribute(REGISTRATION);
			release(registration);
		}
	}

	private void release(Registration registration) {
		this.underWay.remove(registration);
		registration.release();
	}

	static boolean needsDatabase(HttpServletRequest request, Object handler) {
		if (!(handler instanceof HandlerMethod method)) {
			return false;
		}
		Class<?> type = method.getBeanType();
		if (CollectController.class.isAssignableFrom(type) && "true".equals(request.getParameter("validate_only"))) {
			// the connectivity check of the source only
			return false;
		}
		return DATABASE_CONTROLLERS.stream().anyMatch((controller) -> controller.isAssignableFrom(type));
	}

	/**
	 * A request under way on its thread; interrupted at most until it is released.
	 */
	private static final class Registration {

		private final Thread thread;

		private boolean released;

		private boolean interrupted;

		Registration(Thread thread) {
			this.thread = thread;
		}

		synchronized void interrupt() {
			if (!this.released) {
				this.interrupted = true;
				this.thread.interrupt();
			}
		}

		/** Called on the request's thread: no interrupt of ours outlives the request. */
		synchronized void release() {
			this.released = true;
			if (this.interrupted) {
				Thread.interrupted();
			}
		}

	}

}
