package care.concord.server.oauth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;

/**
 * Generation, encoding and JWK conversion of signing key pairs for the JWS algorithms
 * Concord signs with.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7518#section-3.1">RFC 7518 section
 * 3.1</a>
 */
public final class SigningKeyMaterial {

	private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512");

	private static final Set<String> EC = Set.of("ES256", "ES384");

	private SigningKeyMaterial() {
	}

	/**
	 * The supported JWS algorithm with that name.
	 * @throws IllegalArgumentException for an unsupported algorithm (symmetric algorithms
	 * are never used)
	 */
	public static JWSAlgorithm algorithm(String name) {
		if (name == null || !(RSA.contains(name) || EC.contains(name))) {
			throw new IllegalArgumentException("unsupported signing algorithm '" + name + "' (use one of RS256, RS384, "
					+ "RS512, PS256, PS384, PS512, ES256, ES384)");
		}
		return JWSAlgorithm.parse(name);
	}

	/**
	 * A fresh key pair for the algorithm (RSA keys of 3072 bits), with a random key id.
	 */
	public static SigningKey generate(String algorithmName, Instant now) {
		return generate(algorithmName, 3072, now);
	}

	/** A fresh key pair for the algorithm, with a random key id. */
	public static SigningKey generate(String algorithmName, int rsaKeySize, Instant now) {
		JWSAlgorithm algorithm = algorithm(algorithmName);
		try {
			KeyPair pair;
			if (RSA.contains(algorithmName)) {
				KeyPairGenerator generator = rsaKeyPairGenerator();
				generator.initialize(rsaKeySize);
				pair = generator.generateKeyPair();
			}
			else {
				KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
				generator.initialize(new ECGenParameterSpec(curve(algorithm).getStdName()));
				pair = generator.generateKeyPair();
			}
			Base64.Encoder encoder = Base64.getEncoder();
			return new SigningKey(UUID.randomUUID().toString(), algorithm.getName(),
					encoder.encodeToString(pair.getPrivate().getEncoded()),
					encoder.encodeToString(pair.getPublic().getEncoded()), now);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("cannot generate a " + algorithmName + " key pair", ex);
		}
	}

	/**
	 * RSA key generation by Conscrypt (BoringSSL) when it loads here, about five times
	 * faster than the JDK's for 3072 bits (the first start of a server generates one);
	 * the JDK's otherwise. The key is stored as PKCS#8 either way.
	 */
	private static KeyPairGenerator rsaKeyPairGenerator() throws GeneralSecurityException {
		Provider provider = NativeRsa.PROVIDER;
		if (provider != null) {
			try {
				return KeyPairGenerator.getInstance("RSA", provider);
			}
			catch (GeneralSecurityException ex) {
				// this build of Conscrypt has no RSA key generation: the JDK's
			}
		}
		return KeyPairGenerator.getInstance("RSA");
	}

	/** Conscrypt, loaded on the first RSA key generation; null where it cannot load. */
	private static final class NativeRsa {

		static final Provider PROVIDER = ConcordJwtEncoder.conscrypt();

	}

	/** The key as a JWK including its private part (for signing), stored as PKCS#8. */
	public static JWK toPrivateJwk(SigningKey key) {
		return toPrivateJwk(key, PrivateKeyProtection.none());
	}

	/**
	 * The key as a JWK including its private part (for signing), opened with the
	 * key-encryption key.
	 */
	public static JWK toPrivateJwk(SigningKey key, PrivateKeyProtection protection) {
		return toJwk(key, protection.open(key.getKid(), key.getPrivateKey()));
	}

	/** The key as a public JWK (for the JWK Set endpoint and verification). */
	public static JWK toPublicJwk(SigningKey key) {
		return toJwk(key, null);
	}

	private static JWK toJwk(SigningKey key, String privateKey) {
		boolean includePrivate = privateKey != null;
		JWSAlgorithm algorithm = algorithm(key.getAlgorithm());
		Base64.Decoder decoder = Base64.getDecoder();
		try {
			if (RSA.contains(algorithm.getName())) {
				KeyFactory factory = KeyFactory.getInstance("RSA");
				RSAPublicKey publicKey = (RSAPublicKey) factory
					.generatePublic(new X509EncodedKeySpec(decoder.decode(key.getPublicKey())));
				RSAKey.Builder builder = new RSAKey.Builder(publicKey);
				if (includePrivate) {
					builder.privateKey((RSAPrivateKey) factory
						.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(privateKey))));
				}
				return builder.keyID(key.getKid()).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
			}
			KeyFactory factory = KeyFactory.getInstance("EC");
			ECPublicKey publicKey = (ECPublicKey) factory
				.generatePublic(new X509EncodedKeySpec(decoder.decode(key.getPublicKey())));
			ECKey.Builder builder = new ECKey.Builder(curve(algorithm), publicKey);
			if (includePrivate) {
				builder.privateKey(
						(ECPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(decoder.decode(privateKey))));
			}
			return builder.keyID(key.getKid()).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
		}
		catch (GeneralSecurityException | IllegalArgumentException ex) {
			throw new IllegalStateException("signing key " + key.getKid() + " cannot be decoded", ex);
		}
	}

	private static Curve curve(JWSAlgorithm algorithm) {
		return JWSAlgorithm.ES384.equals(algorithm) ? Curve.P_384 : Curve.P_256;
	}

}
