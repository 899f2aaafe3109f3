package care.concord.server.oauth;

import java.security.MessageDigest;
import java.util.HexFormat;

import care.concord.server.domain.Sha256;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * A {@link PasswordEncoder} for machine-generated client secrets: {@code {sha256}}
 * followed by the lower-case hex SHA-256 digest of the secret, compared in constant time.
 *
 * <p>
 * A fast digest is appropriate here, and only here, because Concord generates every
 * client secret with at least 256 bits of entropy ({@link ClientSecretGenerator});
 * guessing is infeasible whatever the hash speed, and a slow hash would only make the
 * token endpoint an easy denial-of-service target. People's passwords are chosen by
 * humans and use a slow adaptive hash instead. This encoder is wired only into the client
 * authentication providers.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1">RFC 6749 section
 * 2.3.1</a>
 */
public final class ClientSecretDigestEncoder implements PasswordEncoder {

	/** The id prefix of stored values, in {@code DelegatingPasswordEncoder} style. */
	public static final String PREFIX = "{sha256}";

	@Override
	public String encode(CharSequence rawSecret) {
		if (rawSecret == null) {
			throw new IllegalArgumentException("rawSecret cannot be null");
		}
		return PREFIX + HexFormat.of().formatHex(digest(rawSecret));
	}

	@Override
	public boolean matches(CharSequence rawSecret, String encodedSecret) {
		if (rawSecret == null || encodedSecret == null || !encodedSecret.startsWith(PREFIX)) {
			return false;
		}
		byte[] expected;
		try {
			expected = HexFormat.of().parseHex(encodedSecret.substring(PREFIX.length()));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
		return MessageDigest.isEqual(expected, digest(rawSecret));
	}

	private static byte[] digest(CharSequence rawSecret) {
		return Sha256.digest(rawSecret);
	}

}
