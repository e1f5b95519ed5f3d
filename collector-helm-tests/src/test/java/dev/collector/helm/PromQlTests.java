package dev.collector.helm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PromQlTests {

	@Test
	void metricNamesLeaveOutFunctionsLabelsRangesAndKeywords() {
		assertThat(PromQl.metricNames(
				"sum by (collector) (increase(a_total{job=\"x\", status=\"error\"}[1h])) / sum by (collector) (increase(a_total[1h])) > 0.5"))
			.containsExactly("a_total");
		assertThat(PromQl.metricNames("sum(up{job=\"x\"}) == 0 or absent(up{job=\"x\"})")).containsExactly("up");
		assertThat(PromQl.metricNames(
				"histogram_quantile(0.95, sum by (le) (rate(d_seconds_bucket{collector=~\"$collector\"}[$__rate_interval])))"))
			.containsExactly("d_seconds_bucket");
		assertThat(PromQl.metricNames("time() - max by (c) (last_success > 0) > 3 * 300"))
			.containsExactly("last_success");
		assertThat(PromQl.metricNames("a / on (pod) group_left (node) b unless c")).containsExactly("a", "b", "c");
	}

	@Test
	void grafanaLabelValuesReadsItsMetricOnly() {
		assertThat(PromQl.metricNames("label_values(collector_up{namespace=~\"$namespace\"}, collector)"))
			.containsExactly("collector_up");
		assertThat(PromQl.metricNames("label_values(namespace)")).isEmpty();
	}

}
