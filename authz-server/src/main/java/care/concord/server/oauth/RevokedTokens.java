package care.concord.server.oauth;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.util.Assert;

/**
 * The deny-list of revoked self-contained access tokens, by {@code jti}, in table
 * {@code revoked_access_token} of the shared database (so every node sees a revocation as
 * soon as it commits). A row is kept until the token it names would have expired; expired
 * rows are purged at most once a minute.
 */
public final class RevokedTokens {

	private final JdbcOperations jdbc;

	private final Clock clock;

	private final ExpiredRows expired;

	public RevokedTokens(JdbcOperations jdbc, Clock clock) {
		Assert.notNull(jdbc, "jdbc cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.jdbc = jdbc;
		this.clock = clock;
		this.expired = new ExpiredRows(jdbc, clock, "revoked_access_token");
	}

	/** Records the token as revoked (idempotent). */
	public void revoke(String jti, String clientId, Instant expiresAt) {
		Assert.hasText(jti, "jti cannot be empty");
		Assert.hasText(clientId, "clientId cannot be empty");
		Instant now = this.clock.instant();
		this.jdbc.update(
				"INSERT INTO revoked_access_token (jti, client_id, expires_at, revoked_at) VALUES (?, ?, ?, ?) "
						+ "ON CONFLICT DO NOTHING",
				jti, clientId, Timestamp.from((expiresAt != null) ? expiresAt : now.plus(Duration.ofDays(1))),
				Timestamp.from(now));
		this.expired.purgeIfDue(now);
	}

	/** True when the token with this {@code jti} has been revoked. */
	public boolean isRevoked(String jti) {
		if (jti == null) {
			return false;
		}
		Integer found = this.jdbc.query("SELECT 1 FROM revoked_access_token WHERE jti = ?",
				(rs) -> rs.next() ? 1 : null, jti);
		return found != null;
	}

}
