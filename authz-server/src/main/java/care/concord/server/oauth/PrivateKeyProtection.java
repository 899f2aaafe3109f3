package care.concord.server.oauth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import care.concord.server.domain.Sha256;

/**
 * Envelope encryption of the signing keys' private parts at rest: with a key-encryption
 * key (KEK, 256-bit AES, {@code CONCORD_KEY_ENCRYPTION_KEY} /
 * {@code concord.keys.encryption-key}, base64) the {@code private_key} column holds
 * {@code enc:v1:<kek id>:<base64(iv | AES-GCM ciphertext and tag)>} instead of the PKCS#8
 * key, authenticated with the key's {@code kid} (a sealed key cannot be moved to another
 * row). The KEK id is the first 8 bytes of the SHA-256 of the KEK, in hex, so a wrong KEK
 * is named as such rather than failing as a bad tag.
 *
 * <p>
 * Without a KEK, keys are stored as PKCS#8 (base64) and a sealed key cannot be opened:
 * the server refuses to start rather than issue tokens nobody can verify. Keep the KEK in
 * a secret manager or KMS and out of the database and its backups; whoever holds both can
 * sign Concord tokens.
 */
public final class PrivateKeyProtection {

	static final String PREFIX = "enc:v1:";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final SecretKey kek;

	private final String kekId;

	private PrivateKeyProtection(SecretKey kek, String kekId) {
		this.kek = kek;
		this.kekId = kekId;
	}

	/** No KEK: keys are stored as PKCS#8. */
	public static PrivateKeyProtection none() {
		return new PrivateKeyProtection(null, null);
	}

	/**
	 * The protection for a configured KEK, or {@link #none()} when {@code base64Kek} is
	 * empty.
	 * @throws IllegalArgumentException when the value is not base64 of exactly 32 bytes
	 */
	public static PrivateKeyProtection of(String base64Kek) {
		if (base64Kek == null || base64Kek.isBlank()) {
			return none();
		}
		byte[] key;
		try {
			key = Base64.getDecoder().decode(base64Kek.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(
					"concord.keys.encryption-key must be base64 (e.g. openssl rand -base64 32)");
		}
		if (key.length != 32) {
			throw new IllegalArgumentException(
					"concord.keys.encryption-key must be 32 bytes (256-bit AES), base64; got " + key.length + " bytes");
		}
		byte[] digest = Sha256.digest(key);
		return new PrivateKeyProtection(new SecretKeySpec(key, "AES"), HexFormat.of().formatHex(digest, 0, 8));
	}

	/** True when a KEK is configured. */
	public boolean enabled() {
		return this.kek != null;
	}

	/** The KEK's id (first 8 bytes of its SHA-256, hex), or null. */
	public String kekId() {
		return this.kekId;
	}

	/** True when the stored value is sealed. */
	public static boolean isSealed(String stored) {
		return stored != null && stored.startsWith(PREFIX);
	}

	/**
	 * The value to store for a PKCS#8 key (base64): sealed with the KEK, or as is without
	 * one.
	 */
	public String seal(String kid, String pkcs8Base64) {
		if (!enabled() || isSealed(pkcs8Base64)) {
			return pkcs8Base64;
		}
		try {
			byte[] iv = new byte[IV_BYTES];
			RANDOM.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.kek, new GCMParameterSpec(TAG_BITS, iv));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			byte[] sealed = cipher.doFinal(pkcs8Base64.getBytes(StandardCharsets.US_ASCII));
			byte[] out = new byte[iv.length + sealed.length];
			System.arraycopy(iv, 0, out, 0, iv.length);
			System.arraycopy(sealed, 0, out, iv.length, sealed.length);
			return PREFIX + this.kekId + ":" + Base64.getEncoder().encodeToString(out);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("signing key " + kid + " could not be encrypted", ex);
		}
	}

	/**
	 * The PKCS#8 key (base64) of a stored value.
	 * @throws IllegalStateException when the value is sealed and no KEK, another KEK, or
	 * a changed value is found
	 */
	public String open(String kid, String stored) {
		if (!isSealed(stored)) {
			return stored;
		}
		String rest = stored.substring(PREFIX.length());
		int colon = rest.indexOf(':');
		String storedKekId = (colon > 0) ? rest.substring(0, colon) : "?";
		if (!enabled()) {
			throw new IllegalStateException("signing key " + kid + " is encrypted (key-encryption key " + storedKekId
					+ ") and no concord.keys.encryption-key (CONCORD_KEY_ENCRYPTION_KEY) is configured");
		}
		if (!this.kekId.equals(storedKekId)) {
			throw new IllegalStateException("signing key " + kid + " is encrypted with key-encryption key "
					+ storedKekId + ", not with the configured one (" + this.kekId + ")");
		}
		try {
			byte[] in = Base64.getDecoder().decode(rest.substring(colon + 1));
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.kek, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
			cipher.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
			return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.US_ASCII);
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("signing key " + kid + " cannot be decrypted: its stored value was changed "
					+ "or belongs to another key", ex);
		}
	}

}
