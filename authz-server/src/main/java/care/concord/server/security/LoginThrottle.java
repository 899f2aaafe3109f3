package care.concord.server.security;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import care.concord.server.cluster.RateLimiter;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.Assert;

/**
 * Counts people's failed sign-ins and says when an account or a source address must wait.
 *
 * <p>
 * <b>Per account</b> (in the shared database, so every node agrees): each failure
 * increments the person's {@code failed_logins} with one {@code UPDATE}; from the
 * {@code delayAfter}-th failure on, the account refuses sign-in for 1 s, 2 s, 4 s ... (at
 * most {@code maxDelay}), and at the {@code lockAfter}-th it is locked for
 * {@code lockout}; an administrator may lift it earlier. A success resets the count.
 * Attempts refused while the account waits are not checked, so they neither count nor
 * reveal whether the password was right.
 *
 * <p>
 * <b>Per source</b> ({@link RateLimiter}, shared through Redis in the {@code cluster}
 * profile): failures from one address are counted per window; once {@code sourceFailures}
 * are spent, that address is refused until the window ends (password spraying over many
 * accounts, or guessing usernames).
 */
public final class LoginThrottle {

	static final String SOURCE_BUCKET = "login-source";

	private final JdbcOperations jdbc;

	private final TransactionOperations transactions;

	private final RateLimiter limiter;

	private final BruteForceProperties properties;

	private final Clock clock;

	public LoginThrottle(JdbcOperations jdbc, TransactionOperations transactions, RateLimiter limiter,
			BruteForceProperties properties, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(transactions, "transactions cannot be null");
		Assert.notNull(limiter, "limiter cannot be null");
		Assert.notNull(properties, "properties cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.limiter = limiter;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * How long a sign-in for this account from this source must wait;
	 * {@link Duration#ZERO} when it may go on.
	 */
	public Duration waitFor(String username, String source) {
		Duration bySource = (source != null) ? this.limiter.exhausted(SOURCE_BUCKET, source,
				this.properties.sourceFailures(), this.properties.sourceWindow()) : Duration.ZERO;
		Duration account = Duration.ZERO;
		Status status = (username != null) ? status(username) : null;
		if (status != null && status.lockedUntil() != null && status.lockedUntil().isAfter(this.clock.instant())) {
			account = Duration.between(this.clock.instant(), status.lockedUntil());
		}
		return (bySource.compareTo(account) > 0) ? bySource : account;
	}

	/** Records a failed sign-in; answers what it did to the account. */
	public Outcome failed(String username, String source) {
		if (source != null) {
			this.limiter.acquire(SOURCE_BUCKET, source, this.properties.sourceFailures(),
					this.properties.sourceWindow());
		}
		if (username == null) {
			return new Outcome(0, null, false);
		}
		Integer failures = this.transactions.execute((tx) -> {
			if (this.jdbc.update("UPDATE person SET failed_logins = failed_logins + 1 WHERE username = ?",
					username) == 0) {
				return 0;
			}
			return this.jdbc.queryForObject("SELECT failed_logins FROM person WHERE username = ?", Integer.class,
					username);
		});
		int count = (failures != null) ? failures : 0;
		if (count < this.properties.delayAfter()) {
			return new Outcome(count, null, false);
		}
		boolean locked = count >= this.properties.lockAfter();
		Duration wait = locked ? this.properties.lockout() : progressiveDelay(count);
		Instant until = this.clock.instant().plus(wait);
		this.jdbc.update("UPDATE person SET locked_until = ? WHERE username = ?", Timestamp.from(until), username);
		return new Outcome(count, until, locked && count == this.properties.lockAfter());
	}

	private Duration progressiveDelay(int failures) {
		int exponent = Math.min(failures - this.properties.delayAfter(), 20);
		Duration delay = Duration.ofSeconds(1L << exponent);
		return (delay.compareTo(this.properties.maxDelay()) > 0) ? this.properties.maxDelay() : delay;
	}

	/** Records a successful sign-in: the count starts again. */
	public void succeeded(String username) {
		this.jdbc.update("UPDATE person SET failed_logins = 0, locked_until = NULL WHERE username = ? "
				+ "AND (failed_logins <> 0 OR locked_until IS NOT NULL)", username);
	}

	/** The account's failures and lock; null for an unknown account. */
	public Status status(String username) {
		List<Map<String, Object>> rows = this.jdbc
			.queryForList("SELECT failed_logins, locked_until FROM person WHERE username = ?", username);
		if (rows.isEmpty()) {
			return null;
		}
		Object until = rows.get(0).get("locked_until");
		Instant lockedUntil = (until instanceof Timestamp timestamp) ? timestamp.toInstant()
				: (until instanceof java.time.OffsetDateTime offset) ? offset.toInstant() : null;
		int failures = ((Number) rows.get(0).get("failed_logins")).intValue();
		return new Status(failures, lockedUntil, lockedUntil != null && lockedUntil.isAfter(this.clock.instant())
				&& failures >= this.properties.lockAfter());
	}

	/** Lifts a lock or delay (administrator); false for an unknown account. */
	public boolean unlock(String username) {
		return this.jdbc.update("UPDATE person SET failed_logins = 0, locked_until = NULL WHERE username = ?",
				username) == 1;
	}

	/**
	 * @param failures consecutive failures so far
	 * @param waitUntil until when the account refuses sign-in, null if it does not
	 * @param lockedNow true when this failure locked the account
	 */
	public record Outcome(int failures, Instant waitUntil, boolean lockedNow) {
	}

	/**
	 * @param failures consecutive failed sign-ins
	 * @param lockedUntil until when sign-in is refused (a delay or a lockout), null if
	 * not
	 * @param locked true while locked out (not merely delayed)
	 */
	public record Status(int failures, Instant lockedUntil, boolean locked) {
	}

}
