package dev.collector.ops;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.collector.collect.CollectorEndpoint;

/**
 * {@code GET /circuit-breaker-status}: every circuit breaker with its state and counts,
 * and the rate limiters. Empty lists when the application has none.
 */
@RestController
@CollectorEndpoint
public class CircuitBreakerStatusController {

	private final ObjectProvider<ResilienceView> resilience;

	public CircuitBreakerStatusController(ObjectProvider<ResilienceView> resilience) {
		this.resilience = resilience;
	}

	@GetMapping("/circuit-breaker-status")
	public Map<String, Object> circuitBreakers() {
		ResilienceView view = this.resilience.getIfAvailable();
		List<ResilienceView.BreakerState> breakers = (view != null) ? view.circuitBreakers() : List.of();
		long open = breakers.stream().filter((breaker) -> !"CLOSED".equals(breaker.state())).count();
		return Map.of("circuit_breakers", breakers, "not_closed", open, "rate_limiters",
				(view != null) ? view.rateLimiters() : List.of());
	}

}
