package dev.collector.test.support;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PrometheusTextTests {

	private static final String SCRAPE = """
			# HELP collector_records_processed_total Records by outcome
			# TYPE collector_records_processed_total counter
			collector_records_processed_total{collector="news",operation="insert"} 5.0
			collector_records_processed_total{collector="news",operation="duplicate"} 2.0 1735689600000
			# TYPE collector_duration_seconds histogram
			collector_duration_seconds_bucket{le="+Inf"} 3
			collector_up NaN
			odd_label{path="a\\"b}c\\\\d\\ne"} +Inf
			exemplar_total 1.0 # {trace_id="abc"} 1.0 1735689600.0
			""";

	@Test
	void readsSamplesTypesAndLabels() {
		PrometheusText text = PrometheusText.parse(SCRAPE);
		assertThat(text.type("collector_records_processed_total")).isEqualTo("counter");
		assertThat(text.type("missing")).isNull();
		assertThat(text.value("collector_records_processed_total")).as("a timestamp is not the value").isEqualTo(7);
		assertThat(text.value("collector_records_processed_total", "operation", "insert")).isEqualTo(5);
		assertThat(text.value("collector_records_processed_total", "operation", "invalid")).isZero();
		assertThat(text.matching("collector_duration_seconds_bucket", "le", "+Inf")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isEqualTo(3));
		assertThat(text.value("collector_up")).isNaN();
		assertThat(text.value("exemplar_total")).isEqualTo(1);
	}

	@Test
	void unescapesLabelValuesAndReadsInfinity() {
		PrometheusText.Sample sample = PrometheusText.parse(SCRAPE).matching("odd_label").get(0);
		assertThat(sample.labels()).containsEntry("path", "a\"b}c\\d\ne");
		assertThat(sample.value()).isInfinite().isPositive();
	}

	@Test
	void refusesWhatIsNotASample() {
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("not a sample line {"));
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse("metric notanumber"));
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.parse(SCRAPE).value("x", "odd"));
	}

}
