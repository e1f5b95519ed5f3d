package dev.collector.test;

import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.AbstractAssert;

import dev.collector.test.support.PrometheusText;

/**
 * Assertions on the Prometheus text of {@code /metrics} (or
 * {@code /actuator/prometheus}): <pre class="code">
 * assertThatPrometheus(scrape).sample("collector_records_processed_total")
 *     .withLabel("operation", "insert").hasValue(36);
 * </pre>
 */
public class PrometheusTextAssert extends AbstractAssert<PrometheusTextAssert, PrometheusText> {

	PrometheusTextAssert(PrometheusText actual) {
		super(actual, PrometheusTextAssert.class);
	}

	/**
	 * A metric family is declared with this type.
	 * @param family the family, e.g. {@code collector_up}
	 * @param type e.g. {@code gauge}
	 * @return this
	 */
	public PrometheusTextAssert hasType(String family, String type) {
		isNotNull();
		if (!type.equals(this.actual.type(family))) {
			failWithMessage("Expected %s to be a %s but it was declared %s", family, type, this.actual.type(family));
		}
		return this;
	}

	/**
	 * The samples of a name; narrow them with {@link SampleAssert#withLabel}.
	 * @param name the sample name, e.g. {@code collector_records_processed_total}
	 * @return assertions on them
	 */
	public SampleAssert sample(String name) {
		isNotNull();
		return new SampleAssert(this.actual, name);
	}

	/**
	 * Assertions on the samples of one name whose labels include the given ones, summed.
	 */
	public static final class SampleAssert {

		private final PrometheusText text;

		private final String name;

		private final List<String> labelPairs = new ArrayList<>();

		SampleAssert(PrometheusText text, String name) {
			this.text = text;
			this.name = name;
		}

		public SampleAssert withLabel(String name, String value) {
			this.labelPairs.add(name);
			this.labelPairs.add(value);
			return this;
		}

		/**
		 * At least one sample matches and their sum is this.
		 * @param expected the value
		 * @return this
		 */
		public SampleAssert hasValue(double expected) {
			exists();
			double actual = this.text.value(this.name, pairs());
			if (Double.compare(actual, expected) != 0) {
				throw new AssertionError(describe() + " expected value " + expected + " but was " + actual);
			}
			return this;
		}

		public SampleAssert exists() {
			if (this.text.matching(this.name, pairs()).isEmpty()) {
				throw new AssertionError(
						"No sample " + describe() + "; samples of that name: " + this.text.matching(this.name));
			}
			return this;
		}

		public void doesNotExist() {
			if (!this.text.matching(this.name, pairs()).isEmpty()) {
				throw new AssertionError(
						"Expected no sample " + describe() + " but found " + this.text.matching(this.name, pairs()));
			}
		}

		private String[] pairs() {
			return this.labelPairs.toArray(String[]::new);
		}

		private String describe() {
			return this.name + " with labels " + this.labelPairs;
		}

	}

}
