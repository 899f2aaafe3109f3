package care.concord.server.oauth;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Converter;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A persisted token signing key pair (table {@code signing_key}): key id, JWS algorithm,
 * the encoded key material (PKCS#8 private key, X.509 SubjectPublicKeyInfo public key,
 * base64), creation time, status and the instant after which a retired key is no longer
 * published.
 *
 * <p>
 * {@code private_key} holds the PKCS#8 encoding, or, with a key-encryption key
 * configured, that encoding sealed by {@link PrivateKeyProtection} ({@code enc:v1:...});
 * this entity stores whichever it is given.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517">RFC 7517 JSON Web Key</a>
 */
@Entity
@Table(name = "signing_key")
public class SigningKey {

	@Id
	@Column(name = "kid", length = 64)
	private String kid;

	@Column(name = "algorithm", nullable = false, length = 16)
	private String algorithm;

	@Column(name = "private_key", nullable = false, length = 8000)
	private String privateKey;

	@Column(name = "public_key", nullable = false, length = 4000)
	private String publicKey;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "status", nullable = false, length = 16)
	@Convert(converter = StatusConverter.class)
	private SigningKeyStatus status;

	@Column(name = "not_after")
	private Instant notAfter;

	protected SigningKey() {
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

	@Converter
	static final class StatusConverter implements AttributeConverter<SigningKeyStatus, String> {

		@Override
		public String convertToDatabaseColumn(SigningKeyStatus attribute) {
			return (attribute != null) ? attribute.code() : null;
		}

		@Override
		public SigningKeyStatus convertToEntityAttribute(String dbData) {
			return (dbData != null) ? SigningKeyStatus.fromCode(dbData) : null;
		}

	}

}
