package dev.collector.test.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that a test moves by hand. In a {@code @CollectorTest} it is the
 * application's {@code Clock} bean, so collection windows, ingestion timestamps and
 * checkpoints follow it instead of the wall clock.
 */
public final class MutableClock extends Clock {

	/** Where a test clock starts unless told otherwise: a fixed, readable instant. */
	public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

	private final Instant start;

	private final AtomicReference<Instant> now;

	private final ZoneId zone;

	public MutableClock(Instant start) {
		this(start, new AtomicReference<>(start), ZoneOffset.UTC);
	}

	private MutableClock(Instant start, AtomicReference<Instant> now, ZoneId zone) {
		this.start = start;
		this.now = now;
		this.zone = zone;
	}

	/**
	 * Set the clock back to where it started.
	 * @return the start
	 */
	public Instant reset() {
		this.now.set(this.start);
		return this.start;
	}

	/**
	 * Move the clock forward (or back, with a negative duration).
	 * @param duration how far
	 * @return the new time
	 */
	public Instant advance(Duration duration) {
		return this.now.updateAndGet((instant) -> instant.plus(duration));
	}

	/**
	 * Set the clock.
	 * @param instant the new time
	 */
	public void setInstant(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		// shares the time: moving either clock moves both
		return new MutableClock(this.start, this.now, zone);
	}

}
