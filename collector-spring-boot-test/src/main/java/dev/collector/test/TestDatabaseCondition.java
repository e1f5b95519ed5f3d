package dev.collector.test;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Skips a {@link CollectorTestDatabase} test class when its database is not available,
 * unless {@code CI} is set: there the test runs and fails, saying what is missing.
 */
class TestDatabaseCondition implements ExecutionCondition {

	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		CollectorTestDatabase database = context.getTestClass()
			.map((type) -> AnnotatedElementUtils.findMergedAnnotation(type, CollectorTestDatabase.class))
			.orElse(null);
		if (database == null) {
			return ConditionEvaluationResult.enabled("No @CollectorTestDatabase");
		}
		return evaluate(TestDatabaseServer.of(database.value()), System.getenv("CI") != null);
	}

	static ConditionEvaluationResult evaluate(TestDatabaseServer server, boolean ci) {
		if (server.available()) {
			return ConditionEvaluationResult.enabled("The database is available");
		}
		if (ci) {
			// runs, and fails in TestDatabaseConfiguration with the same message
			return ConditionEvaluationResult.enabled("CI is set: the test must fail, not skip");
		}
		return ConditionEvaluationResult.disabled(server.unavailable());
	}

}
