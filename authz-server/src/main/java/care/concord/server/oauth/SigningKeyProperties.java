package care.concord.server.oauth;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signing key settings ({@code concord.keys.*}).
 *
 * @param algorithm JWS algorithm of newly generated keys: {@code RS256} (default),
 * {@code PS256} or {@code ES256}
 * @param retiredKeyRetention how long a retired key stays in the JWK Set after rotation;
 * must exceed the longest access token lifetime
 * @param rotateOnStartup when true, every start rotates the key (for deployments that
 * rotate by restart)
 * @param rsaKeySize modulus length of new RSA keys (default 3072, at least 2048)
 * @param signingProvider who computes RSA signatures ({@code RS256/384/512}):
 * {@code auto} (default: Conscrypt, i.e. BoringSSL, when its native library loads on this
 * platform, otherwise the JDK), {@code conscrypt} (refuse to start without it) or
 * {@code jdk}. PS* and ES* keys always sign with the JDK.
 */
@ConfigurationProperties("concord.keys")
public record SigningKeyProperties(@DefaultValue("RS256") String algorithm,
		@DefaultValue("24h") Duration retiredKeyRetention, @DefaultValue("false") boolean rotateOnStartup,
		@DefaultValue("3072") int rsaKeySize, @DefaultValue("auto") String signingProvider) {

	/** The three accepted values of {@code concord.keys.signing-provider}. */
	public static final java.util.Set<String> SIGNING_PROVIDERS = java.util.Set.of("auto", "conscrypt", "jdk");

	public SigningKeyProperties {
		SigningKeyMaterial.algorithm(algorithm);
		if (retiredKeyRetention.isNegative() || retiredKeyRetention.isZero()) {
			throw new IllegalArgumentException("concord.keys.retired-key-retention must be positive");
		}
		if (!SIGNING_PROVIDERS.contains(signingProvider)) {
			throw new IllegalArgumentException("concord.keys.signing-provider must be one of auto, conscrypt, jdk");
		}
		if (rsaKeySize < 2048) {
			throw new IllegalArgumentException("concord.keys.rsa-key-size must be at least 2048");
		}
	}

}
