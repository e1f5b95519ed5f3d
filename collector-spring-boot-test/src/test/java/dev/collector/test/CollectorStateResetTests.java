package dev.collector.test;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import dev.collector.resilience.CollectorResilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class CollectorStateResetTests {

	@Test
	void readsTheFrameworkTablesFromTheStartersSchemaScript() {
		assertThat(CollectorStateReset.frameworkTables()).contains("collector_checkpoint", "collector_run",
				"collector_quarantine", "collector_coverage", "scheduled_tasks");
	}

	@Test
	void closesTheCollectorsCircuitBreaker() {
		CircuitBreaker breaker = CircuitBreaker.ofDefaults("prices");
		breaker.transitionToOpenState();
		CollectorResilience resilience = mock(CollectorResilience.class);
		given(resilience.circuitBreaker()).willReturn(breaker);
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean("resilience", resilience);
		new CollectorStateReset(null, java.util.List.of(), null, null,
				java.util.List.of(CollectorStateReset.circuitBreakerReset(beans)))
			.reset();
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	@Test
	void withoutResilienceThereIsNoBreakerToClose() {
		CollectorStateReset.circuitBreakerReset(new StaticListableBeanFactory()).run();
	}

}
