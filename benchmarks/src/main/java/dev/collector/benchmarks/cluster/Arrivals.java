package dev.collector.benchmarks.cluster;

import java.util.List;

/**
 * What the fake upstream's arrival times (sorted, in nanoseconds) say about the rate the
 * replicas kept.
 */
final class Arrivals {

	private Arrivals() {
	}

	/** Requests per second between the 10th and the 90th percentile of the arrivals. */
	static double steadyRate(List<Long> arrivals) {
		if (arrivals.size() < 10) {
			return Double.NaN;
		}
		int from = arrivals.size() / 10;
		int to = arrivals.size() * 9 / 10;
		return (to - from) / ((arrivals.get(to) - arrivals.get(from)) / 1e9);
	}

	/** The most arrivals in any window of the given length (sorted nanosecond times). */
	static int maxIn(List<Long> arrivals, long window) {
		int most = 0;
		int j = 0;
		for (int i = 0; i < arrivals.size(); i++) {
			while (j < arrivals.size() && arrivals.get(j) - arrivals.get(i) < window) {
				j++;
			}
			most = Math.max(most, j - i);
		}
		return most;
	}

}
