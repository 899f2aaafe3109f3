package care.concord.server.oauth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * Deletes the rows of a table whose {@code expires_at} has passed, at most once a minute
 * per node (the first caller after the interval does it; the others carry on).
 */
final class ExpiredRows {

	private static final Duration INTERVAL = Duration.ofMinutes(1);

	private final JdbcOperations jdbc;

	private final Clock clock;

	private final String delete;

	private final AtomicReference<Instant> lastPurge = new AtomicReference<>(Instant.EPOCH);

	ExpiredRows(JdbcOperations jdbc, Clock clock, String table) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
		this.delete = "DELETE FROM " + table + " WHERE expires_at <= ?";
	}

	/** Deletes every expired row now. */
	int purge() {
		return this.jdbc.update(this.delete, Timestamp.from(this.clock.instant()));
	}

	/**
	 * Deletes the expired rows if the last purge was over a minute before {@code now}.
	 */
	void purgeIfDue(Instant now) {
		Instant last = this.lastPurge.get();
		if (now.isAfter(last.plus(INTERVAL)) && this.lastPurge.compareAndSet(last, now)) {
			purge();
		}
	}

}
