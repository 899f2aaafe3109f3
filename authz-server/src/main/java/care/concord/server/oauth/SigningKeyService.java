package care.concord.server.oauth;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * Concord's token signing keys, persisted in the database so that tokens survive a
 * restart and every node of a cluster signs and verifies with the same keys.
 *
 * <p>
 * Exactly one key signs at a time: the newest active key. {@link #rotate()} generates a
 * new active key and retires the previous one, which stays in the published JWK Set for
 * {@link SigningKeyProperties#retiredKeyRetention()} so that tokens signed with it still
 * verify. Key reads are cached for a few seconds; other nodes see a rotation within that
 * time.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7517#section-5">RFC 7517 section 5 (JWK
 * Set)</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8414#section-2">RFC 8414 section 2
 * ({@code jwks_uri})</a>
 */
public final class SigningKeyService {

	private static final Log logger = LogFactory.getLog(SigningKeyService.class);

	private static final long CACHE_MILLIS = 10_000;

	private final SigningKeyRepository repository;

	private final TransactionTemplate transactions;

	private final SigningKeyProperties properties;

	private final Clock clock;

	private final PrivateKeyProtection protection;

	private volatile Snapshot snapshot;

	public SigningKeyService(SigningKeyRepository repository, TransactionTemplate transactions,
			SigningKeyProperties properties, Clock clock) {
		this(repository, transactions, properties, clock, PrivateKeyProtection.none());
	}

	/**
	 * Keys whose private parts are sealed with a key-encryption key at rest (see
	 * {@link PrivateKeyProtection}).
	 */
	public SigningKeyService(SigningKeyRepository repository, TransactionTemplate transactions,
			SigningKeyProperties properties, Clock clock, PrivateKeyProtection protection) {
		this.protection = protection;
		this.repository = repository;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Makes sure an active key exists (generating one on the very first start only), and
	 * rotates when {@code concord.keys.rotate-on-startup} is set.
	 */
	public void initialize() {
		if (!this.protection.enabled()) {
			logger.warn("Signing keys are stored unencrypted: set CONCORD_KEY_ENCRYPTION_KEY "
					+ "(concord.keys.encryption-key, 32 random bytes in base64) in production");
		}
		this.transactions.executeWithoutResult((status) -> sealStoredKeys());
		if (this.properties.rotateOnStartup()) {
			rotate();
			return;
		}
		this.transactions.executeWithoutResult((status) -> {
			if (this.repository.findByStatusOrderByCreatedAtDesc(SigningKeyStatus.ACTIVE).isEmpty()) {
				SigningKey key = generate(this.clock.instant());
				this.repository.save(key);
				logger.info("Generated the first token signing key " + key.getKid() + " (" + key.getAlgorithm() + ")");
			}
		});
		this.snapshot = null;
	}

	/**
	 * Generates a new active key with the configured algorithm and retires every other
	 * active key.
	 * @return the new key's summary
	 */
	public SigningKeySummary rotate() {
		SigningKey created = this.transactions.execute((status) -> {
			Instant now = this.clock.instant();
			Instant notAfter = now.plus(this.properties.retiredKeyRetention());
			for (SigningKey active : this.repository.findByStatusOrderByCreatedAtDesc(SigningKeyStatus.ACTIVE)) {
				active.retire(notAfter);
				this.repository.save(active);
			}
			return this.repository.save(generate(now));
		});
		this.snapshot = null;
		logger.info("Rotated token signing key: new key " + created.getKid() + " (" + created.getAlgorithm() + ")");
		return SigningKeySummary.of(created);
	}

	/** Every stored key, newest first, without key material. */
	public List<SigningKeySummary> keys() {
		return this.repository.findAllByOrderByCreatedAtDesc().stream().map(SigningKeySummary::of).toList();
	}

	/** The key that signs new tokens: the newest active key. */
	public JWK currentSigningKey() {
		return current().signing();
	}

	/** The JWS algorithm of the current signing key. */
	public JWSAlgorithm currentAlgorithm() {
		return (JWSAlgorithm) currentSigningKey().getAlgorithm();
	}

	/**
	 * A JWK source holding only the current signing key (with its private part), for the
	 * JWT encoder.
	 */
	public JWKSource<SecurityContext> signingJwkSource() {
		return (selector, context) -> selector.select(new JWKSet(currentSigningKey()));
	}

	/**
	 * A JWK source of the published keys: public parts of the active keys and of retired
	 * keys whose {@code not_after} has not passed. Serves the JWK Set endpoint and the
	 * resource server's verifier.
	 */
	public JWKSource<SecurityContext> publishedJwkSource() {
		return (selector, context) -> selector.select(current().published());
	}

	private Snapshot current() {
		Snapshot current = this.snapshot;
		Instant now = this.clock.instant();
		if (current == null || now.toEpochMilli() - current.loadedAt().toEpochMilli() > CACHE_MILLIS) {
			current = load(now);
			this.snapshot = current;
		}
		return current;
	}

	private Snapshot load(Instant now) {
		List<SigningKey> all = new ArrayList<>(this.repository.findAllByOrderByCreatedAtDesc());
		SigningKey signing = all.stream()
			.filter((key) -> key.getStatus() == SigningKeyStatus.ACTIVE)
			.max(Comparator.comparing(SigningKey::getCreatedAt))
			.orElseThrow(() -> new IllegalStateException("no active signing key; was initialize() called?"));
		List<JWK> published = all.stream()
			.filter((key) -> key.isPublishedAt(now))
			.map(SigningKeyMaterial::toPublicJwk)
			.collect(Collectors.toList());
		return new Snapshot(SigningKeyMaterial.toPrivateJwk(signing, this.protection), new JWKSet(published), now);
	}

	private SigningKey generate(Instant now) {
		SigningKey key = SigningKeyMaterial.generate(this.properties.algorithm(), this.properties.rsaKeySize(), now);
		key.protectPrivateKey(this.protection);
		return key;
	}

	/**
	 * With a key-encryption key: seals keys stored before it was configured, and checks
	 * that every sealed key opens (a wrong or missing key-encryption key stops the start,
	 * with the reason). Without one: refuses to start when a key is sealed.
	 */
	private void sealStoredKeys() {
		int sealed = 0;
		for (SigningKey key : this.repository.findAllByOrderByCreatedAtDesc()) {
			this.protection.open(key.getKid(), key.getPrivateKey()); // throws when it
																		// cannot be
																		// opened
			if (this.protection.enabled() && !PrivateKeyProtection.isSealed(key.getPrivateKey())) {
				key.protectPrivateKey(this.protection);
				this.repository.save(key);
				sealed++;
			}
		}
		if (sealed > 0) {
			logger.info("Encrypted " + sealed + " stored signing key(s) with key-encryption key "
					+ this.protection.kekId());
		}
	}

	private record Snapshot(JWK signing, JWKSet published, Instant loadedAt) {
	}

}
