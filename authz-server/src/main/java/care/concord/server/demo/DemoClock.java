package care.concord.server.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The demo profile's clock: the system's UTC clock, which {@link DemoActivity} turns back
 * while it seeds past weeks of activity through the real services (so records carry their
 * past times and the audit chain holds), and then sets right again before the server is
 * ready.
 */
public final class DemoClock extends Clock {

	private volatile Duration offset = Duration.ZERO;

	/** Makes the clock read that long before now (zero: the real time). */
	void setBack(Duration back) {
		this.offset = back.negated();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), this.offset);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(this.offset);
	}

}
