package dev.collector.metrics;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A value a gauge reports: set it whenever it changes.
 */
public final class GaugeValue {

	private final AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));

	/**
	 * @param value the new value
	 */
	public void set(double value) {
		this.bits.set(Double.doubleToLongBits(value));
	}

	/**
	 * @param delta added to the value (negative to subtract)
	 */
	public void add(double delta) {
		this.bits.updateAndGet((current) -> Double.doubleToLongBits(Double.longBitsToDouble(current) + delta));
	}

	/**
	 * @return the current value
	 */
	public double get() {
		return Double.longBitsToDouble(this.bits.get());
	}

}
