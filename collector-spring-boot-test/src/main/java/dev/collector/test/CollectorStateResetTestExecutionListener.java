package dev.collector.test;

import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * Resets the collector's state ({@link CollectorTester#reset()}) before every test method
 * of a {@link CollectorTest}, before the test's own {@code @BeforeEach} methods, the way
 * Spring Boot's {@code ResetMocksTestExecutionListener} resets mocks. Registered in
 * {@code META-INF/spring.factories}.
 */
public class CollectorStateResetTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		// after dependency injection (2000), before a test transaction begins (4000)
		return 3500;
	}

	@Override
	public void beforeTestMethod(TestContext testContext) {
		CollectorTest annotation = TestContextAnnotationUtils.findMergedAnnotation(testContext.getTestClass(),
				CollectorTest.class);
		if (annotation == null || !annotation.resetState()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		context.getBeanProvider(CollectorTester.class).ifAvailable(CollectorTester::reset);
	}

}
