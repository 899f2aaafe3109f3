package care.concord.server.oauth;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Generates client secrets: 32 random bytes (256 bits) from {@link SecureRandom},
 * base64url without padding (43 characters). Concord never accepts a secret chosen by a
 * person.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-10.10">RFC 6749 section
 * 10.10</a>
 */
public final class ClientSecretGenerator {

	/** Bytes of entropy in every generated secret. */
	public static final int SECRET_BYTES = 32;

	private final SecureRandom random = new SecureRandom();

	/** A new secret. */
	public String generate() {
		byte[] bytes = new byte[SECRET_BYTES];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
