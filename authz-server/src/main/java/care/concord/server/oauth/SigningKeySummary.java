package care.concord.server.oauth;

import java.time.Instant;

/**
 * What an administrator may see of a signing key: never the key material.
 *
 * @param kid the key id ({@code kid} header of the tokens it signs)
 * @param algorithm the JWS algorithm
 * @param status {@code active} or {@code retired}
 * @param createdAt when the key was generated
 * @param notAfter for a retired key, when it leaves the JWK Set
 */
public record SigningKeySummary(String kid, String algorithm, String status, Instant createdAt, Instant notAfter) {

	static SigningKeySummary of(SigningKey key) {
		return new SigningKeySummary(key.getKid(), key.getAlgorithm(), key.getStatus().code(), key.getCreatedAt(),
				key.getNotAfter());
	}

}
