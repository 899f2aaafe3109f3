package care.concord.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock the test moves: {@link #advance(Duration)} or {@link #set(Instant)}, or one
 * that steps forward by a fixed amount after every reading
 * ({@link #stepping(Instant, Duration)}). Thread-safe.
 */
public final class MutableClock extends Clock {

	private final Duration step;

	private Instant now;

	public MutableClock(Instant now) {
		this(now, Duration.ZERO);
	}

	private MutableClock(Instant now, Duration step) {
		this.now = now;
		this.step = step;
	}

	/**
	 * A clock reading {@code start} first, then {@code step} later at every further
	 * reading.
	 */
	public static MutableClock stepping(Instant start, Duration step) {
		return new MutableClock(start, step);
	}

	public synchronized void advance(Duration duration) {
		this.now = this.now.plus(duration);
	}

	public synchronized void set(Instant instant) {
		this.now = instant;
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public synchronized Instant instant() {
		Instant reading = this.now;
		this.now = reading.plus(this.step);
		return reading;
	}

}
