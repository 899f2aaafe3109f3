package care.concord.server.oauth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * A {@link JtiReplayCache} in table {@code client_assertion_jti}: the primary key
 * {@code (client_id, jti)} makes the first insert win atomically across nodes; rows whose
 * assertion has expired are purged at most once a minute, and an expired row never blocks
 * a new use.
 */
public final class JdbcJtiReplayCache implements JtiReplayCache {

	private final JdbcOperations jdbc;

	private final Clock clock;

	private final ExpiredRows expired;

	public JdbcJtiReplayCache(JdbcOperations jdbc, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
		this.expired = new ExpiredRows(jdbc, clock, "client_assertion_jti");
	}

	@Override
	public boolean markUsed(String clientId, String jti, Instant expiresAt) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(jti, "jti cannot be empty");
		Assert.notNull(expiresAt, "expiresAt cannot be null");
		Instant now = this.clock.instant();
		this.expired.purgeIfDue(now);
		// ON CONFLICT DO NOTHING (PostgreSQL, and H2 in MODE=PostgreSQL) instead of
		// catching a duplicate key:
		// a failed insert would abort an enclosing PostgreSQL transaction.
		int inserted = this.jdbc.update(
				"INSERT INTO client_assertion_jti (client_id, jti, expires_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
				clientId, jti, Timestamp.from(expiresAt));
		if (inserted == 1) {
			return true;
		}
		// An expired record may be replaced: the assertion it protected can no longer be
		// replayed anyway.
		int replaced = this.jdbc.update(
				"UPDATE client_assertion_jti SET expires_at = ? WHERE client_id = ? AND jti = ? AND expires_at <= ?",
				Timestamp.from(expiresAt), clientId, jti, Timestamp.from(now));
		return replaced == 1;
	}

	/** Deletes every record whose assertion has expired. */
	public int purgeExpired() {
		return this.expired.purge();
	}

}
