package care.concord.server.oauth;

import java.time.Instant;

/**
 * A persisted token signing key pair (table {@code signing_key}): key id, JWS algorithm,
 * the encoded key material (PKCS#8 private key, X.509 SubjectPublicKeyInfo public key,
 * base64), creation time, status and the instant after which a retired key is no longer
 * published.
 *
 * <p>
 * {@code private_key} holds the PKCS#8 encoding, or, with a key-encryption key
 * configured, that encoding sealed by {@link PrivateKeyProtection} ({@code enc:v1:...});
 * this class stores whichever it is given. Changes reach the database only through
 * {@link SigningKeyRepository#save(SigningKey)}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517 JSON Web Key</a>
 */
public class SigningKey {

	private String kid;

	private String algorithm;

	private String privateKey;

	private String publicKey;

	private Instant createdAt;

	private SigningKeyStatus status;

	private Instant notAfter;

	/** A key as stored (read back by {@link SigningKeyRepository}). */
	SigningKey(String kid, String algorithm, String privateKey, String publicKey, Instant createdAt,
			SigningKeyStatus status, Instant notAfter) {
		this.kid = kid;
		this.algorithm = algorithm;
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.createdAt = createdAt;
		this.status = status;
		this.notAfter = notAfter;
	}

	public SigningKey(String kid, String algorithm, String privateKey, String publicKey, Instant createdAt) {
		this.kid = kid;
		this.algorithm = algorithm;
		this.privateKey = privateKey;
		this.publicKey = publicKey;
		this.createdAt = createdAt;
		this.status = SigningKeyStatus.ACTIVE;
	}

	public String getKid() {
		return this.kid;
	}

	public String getAlgorithm() {
		return this.algorithm;
	}

	public String getPrivateKey() {
		return this.privateKey;
	}

	/**
	 * Replaces the stored private key by the same key in another form (sealed with a
	 * key-encryption key).
	 */
	public void protectPrivateKey(PrivateKeyProtection protection) {
		this.privateKey = protection.seal(this.kid, this.privateKey);
	}

	public String getPublicKey() {
		return this.publicKey;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public SigningKeyStatus getStatus() {
		return this.status;
	}

	public Instant getNotAfter() {
		return this.notAfter;
	}

	/**
	 * Active to retired: the key stops signing and stays published until
	 * {@code notAfter}.
	 */
	public void retire(Instant notAfter) {
		if (this.status != SigningKeyStatus.ACTIVE) {
			throw new IllegalStateException("key " + this.kid + " is not active");
		}
		this.status = SigningKeyStatus.RETIRED;
		this.notAfter = notAfter;
	}

	/** True when the key must appear in the published JWK Set at {@code now}. */
	public boolean isPublishedAt(Instant now) {
		return this.status == SigningKeyStatus.ACTIVE || (this.notAfter != null && this.notAfter.isAfter(now));
	}

}
