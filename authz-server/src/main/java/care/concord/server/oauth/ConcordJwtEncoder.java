package care.concord.server.oauth;

import java.net.URI;
import java.net.URL;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.util.Assert;

/**
 * Signs every JWT Concord issues with the
 * {@linkplain SigningKeyService#currentSigningKey() current key}.
 *
 * <p>
 * Why not Spring Security's {@code NimbusJwtEncoder}: signing is most of a token's cost
 * (an RSA-3072 signature takes ~3 ms of CPU in the JDK, more than everything else a token
 * request does), and that encoder always signs with the JDK's provider. This one signs
 * RSA ({@code RS256/384/512}) with Conscrypt, Google's JCA provider over BoringSSL, when
 * its native library loads ({@code concord.keys.signing-provider=auto}, the default):
 * about 1.7× the JDK's signatures per core for both 2048- and 3072-bit keys
 * ({@code bench/lib/SignCost.java}). The private key is converted to a native key once
 * per key, not per signature. Before a provider is used for a key, a test signature is
 * checked with the JDK's verifier; if that fails, the key signs with the JDK and a
 * warning is logged. ECDSA keys ({@code ES256}, {@code ES384}) sign with Conscrypt in the
 * same way (about 0.02 ms of CPU per ES256 signature against the JDK's 0.2 ms,
 * {@code bench/lib/SignCost.java}); PS* keys always sign with the JDK.
 *
 * <p>
 * Headers: {@code alg}, {@code kid} (always the signing key's), {@code typ} and
 * {@code cty}; any other header parameter is refused, because Concord never sets one.
 */
public final class ConcordJwtEncoder implements JwtEncoder {

	private static final Log logger = LogFactory.getLog(ConcordJwtEncoder.class);

	private static final Set<String> SUPPORTED_HEADERS = Set.of("alg", "kid", "typ", "cty");

	private static final Set<JWSAlgorithm> NATIVE_ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

	private static final Set<String> TIME_CLAIMS = Set.of(JwtClaimNames.EXP, JwtClaimNames.IAT, JwtClaimNames.NBF);

	private final java.util.function.Supplier<JWK> currentKey;

	private final Provider nativeProvider;

	/** Signers by {@code kid}: a key's material never changes under its id. */
	private final Map<String, JWSSigner> signers = new ConcurrentHashMap<>();

	/**
	 * @param currentKey the key to sign with (with its private part), e.g.
	 * {@link SigningKeyService#currentSigningKey()}
	 * @param signingProvider {@code auto}, {@code conscrypt} or {@code jdk} (see
	 * {@link SigningKeyProperties})
	 * @throws IllegalStateException for {@code conscrypt} when its native library cannot
	 * be loaded here
	 */
	public ConcordJwtEncoder(java.util.function.Supplier<JWK> currentKey, String signingProvider) {
		Assert.notNull(currentKey, "currentKey cannot be null");
		this.currentKey = currentKey;
		this.nativeProvider = switch (signingProvider) {
			case "jdk" -> null;
			case "conscrypt" -> {
				Provider provider = conscrypt();
				if (provider == null) {
					throw new IllegalStateException("concord.keys.signing-provider=conscrypt, but Conscrypt's native "
							+ "library cannot be loaded on this platform; use auto or jdk");
				}
				yield provider;
			}
			case "auto" -> conscrypt();
			default -> throw new IllegalArgumentException("unknown signing provider " + signingProvider);
		};
		logger.info("RSA and ECDSA token signatures by " + ((this.nativeProvider != null)
				? this.nativeProvider.getName() + " " + this.nativeProvider.getVersionStr() : "the JDK"));
	}

	/**
	 * The name of the provider RSA and ECDSA keys sign with: {@code Conscrypt} or
	 * {@code JDK}.
	 */
	public String rsaProviderName() {
		return (this.nativeProvider != null) ? this.nativeProvider.getName() : "JDK";
	}

	/** The provider that signs with this key: {@code Conscrypt} or {@code JDK}. */
	String signingProviderName(JWK key) {
		Provider provider = signer(key).getJCAContext().getProvider();
		return (provider != null) ? provider.getName() : "JDK";
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		Assert.notNull(parameters, "parameters cannot be null");
		JWK key = this.currentKey.get();
		JwsHeader headers = parameters.getJwsHeader();
		JwtClaimsSet claims = parameters.getClaims();
		JWSHeader jwsHeader = header(headers, key);
		SignedJWT jwt = new SignedJWT(jwsHeader, claims(claims));
		try {
			jwt.sign(signer(key));
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("An error occurred while attempting to encode the Jwt: " + ex.getMessage(),
					ex);
		}
		Map<String, Object> headerValues = jwsHeader.toJSONObject();
		return Jwt.withTokenValue(jwt.serialize())
			.headers((h) -> h.putAll(headerValues))
			.claims((c) -> c.putAll(claims.getClaims()))
			.build();
	}

	private static JWSHeader header(JwsHeader headers, JWK key) {
		JWSAlgorithm algorithm = (JWSAlgorithm) key.getAlgorithm();
		if (headers != null) {
			for (String name : headers.getHeaders().keySet()) {
				if (!SUPPORTED_HEADERS.contains(name)) {
					throw new JwtEncodingException("Unsupported JWS header parameter: " + name);
				}
			}
			if (headers.getAlgorithm() != null && !headers.getAlgorithm().getName().equals(algorithm.getName())) {
				throw new JwtEncodingException("The signing key " + key.getKeyID() + " signs " + algorithm
						+ ", not the requested " + headers.getAlgorithm().getName());
			}
			if (headers.getKeyId() != null && !headers.getKeyId().equals(key.getKeyID())) {
				throw new JwtEncodingException(
						"The requested key " + headers.getKeyId() + " is not the current signing key");
			}
		}
		JWSHeader.Builder builder = new JWSHeader.Builder(algorithm).keyID(key.getKeyID());
		if (headers != null && headers.getType() != null) {
			builder.type(new JOSEObjectType(headers.getType()));
		}
		if (headers != null && headers.getContentType() != null) {
			builder.contentType(headers.getContentType());
		}
		return builder.build();
	}

	private static JWTClaimsSet claims(JwtClaimsSet claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.getClaims().forEach((name, value) -> {
			if (TIME_CLAIMS.contains(name)) {
				builder.claim(name, (value instanceof Instant instant) ? Date.from(instant) : value);
			}
			else if (JwtClaimNames.AUD.equals(name) && value instanceof Collection<?> audience) {
				builder.audience(audience.stream().map(String::valueOf).toList());
			}
			else {
				builder.claim(name, jsonValue(value));
			}
		});
		return builder.build();
	}

	private static Object jsonValue(Object value) {
		if (value instanceof URL || value instanceof URI) {
			return value.toString();
		}
		if (value instanceof Instant instant) {
			return instant.getEpochSecond();
		}
		if (value instanceof Collection<?> collection) {
			return new ArrayList<>(collection.stream().map(ConcordJwtEncoder::jsonValue).toList());
		}
		return value;
	}

	private JWSSigner signer(JWK key) {
		JWSSigner signer = this.signers.get(key.getKeyID());
		if (signer == null) {
			signer = this.signers.computeIfAbsent(key.getKeyID(), (kid) -> newSigner(key));
		}
		return signer;
	}

	private JWSSigner newSigner(JWK key) {
		try {
			if (this.nativeProvider != null && NATIVE_ALGORITHMS.contains(key.getAlgorithm())) {
				JWSSigner fast = nativeSigner(key);
				if (fast != null) {
					return fast;
				}
			}
			return new DefaultJWSSignerFactory().createJWSSigner(key);
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("Failed to create a JWS signer for key " + key.getKeyID(), ex);
		}
	}

	/**
	 * The key on the native provider (RSA or EC), or null (with a warning) when its test
	 * signature does not verify with the JDK.
	 */
	private JWSSigner nativeSigner(JWK key) {
		try {
			PrivateKey jdkKey;
			PublicKey publicKey;
			String keyType;
			String testAlgorithm;
			if (key instanceof RSAKey rsa) {
				jdkKey = rsa.toRSAPrivateKey();
				publicKey = rsa.toRSAPublicKey();
				keyType = "RSA";
				testAlgorithm = "SHA256withRSA";
			}
			else if (key instanceof ECKey ec) {
				jdkKey = ec.toECPrivateKey();
				publicKey = ec.toECPublicKey();
				keyType = "EC";
				testAlgorithm = "SHA256withECDSA";
			}
			else {
				return null;
			}
			PrivateKey nativeKey = KeyFactory.getInstance(keyType, this.nativeProvider)
				.generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
			byte[] probe = ("concord signing self-test " + key.getKeyID())
				.getBytes(java.nio.charset.StandardCharsets.UTF_8);
			Signature sign = Signature.getInstance(testAlgorithm, this.nativeProvider);
			sign.initSign(nativeKey);
			sign.update(probe);
			byte[] signature = sign.sign();
			Signature verify = Signature.getInstance(testAlgorithm);
			verify.initVerify(publicKey);
			verify.update(probe);
			if (!verify.verify(signature)) {
				logger.warn("Key " + key.getKeyID() + ": " + this.nativeProvider.getName()
						+ "'s test signature did not verify; this key signs with the JDK");
				return null;
			}
			JWSSigner signer;
			if (key instanceof ECKey ec) {
				ECDSASigner ecdsa = new ECDSASigner(nativeKey, ec.getCurve());
				ecdsa.getJCAContext().setProvider(this.nativeProvider);
				signer = ecdsa;
			}
			else {
				RSASSASigner rsa = new RSASSASigner(nativeKey);
				rsa.getJCAContext().setProvider(this.nativeProvider);
				signer = rsa;
			}
			return signer;
		}
		catch (Exception ex) {
			logger.warn("Key " + key.getKeyID() + " cannot sign with " + this.nativeProvider.getName()
					+ "; it signs with the JDK", ex);
			return null;
		}
	}

	/**
	 * Conscrypt's provider when its native library loads on this platform, otherwise
	 * null.
	 */
	static Provider conscrypt() {
		try {
			if (org.conscrypt.Conscrypt.isAvailable()) {
				return org.conscrypt.Conscrypt.newProviderBuilder().provideTrustManager(false).build();
			}
			logger.info("Conscrypt is not available on this platform: " + org.conscrypt.Conscrypt.class.getName());
		}
		catch (Throwable ex) { // UnsatisfiedLinkError, NoClassDefFoundError: fall back to
								// the JDK
			logger.info("Conscrypt cannot be loaded here (" + ex + "); tokens sign with the JDK");
		}
		return null;
	}

}
