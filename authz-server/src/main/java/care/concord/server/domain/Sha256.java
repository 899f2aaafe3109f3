package care.concord.server.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The one SHA-256 helper of the server: digests of bytes and of UTF-8 text, and
 * lower-case hex. Every Java SE platform must provide SHA-256 ({@link MessageDigest}), so
 * its absence is an {@link IllegalStateException}.
 */
public final class Sha256 {

	private Sha256() {
	}

	/** A fresh SHA-256 digest, for input fed in parts. */
	public static MessageDigest newDigest() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/** The SHA-256 of {@code bytes}. */
	public static byte[] digest(byte[] bytes) {
		return newDigest().digest(bytes);
	}

	/** The SHA-256 of {@code text} in UTF-8. */
	public static byte[] digest(CharSequence text) {
		return digest(text.toString().getBytes(StandardCharsets.UTF_8));
	}

	/** The SHA-256 of {@code text} in UTF-8, as 64 lower-case hex digits. */
	public static String hex(CharSequence text) {
		return HexFormat.of().formatHex(digest(text));
	}

}
