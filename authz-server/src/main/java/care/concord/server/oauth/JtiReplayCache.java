package care.concord.server.oauth;

import java.time.Instant;

/**
 * Remembers the {@code jti} of every accepted client assertion until the assertion
 * expires, so a replayed assertion is refused. State all nodes must share:
 * implementations keep it in the database (or Redis).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 section 3,
 * rule 7</a>
 */
public interface JtiReplayCache {

	/**
	 * Records the first use of a {@code jti} by a client.
	 * @param clientId the client that signed the assertion
	 * @param jti the assertion's JWT ID
	 * @param expiresAt the assertion's expiry: the record may be forgotten after it
	 * @return true on first use; false when the same client already used this {@code jti}
	 * (a replay)
	 */
	boolean markUsed(String clientId, String jti, Instant expiresAt);

}
