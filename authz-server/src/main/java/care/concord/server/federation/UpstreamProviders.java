package care.concord.server.federation;

import java.net.URI;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.util.StreamUtils;
import org.springframework.web.client.RestClient;

/**
 * The upstream providers of {@link FederationProperties} as Spring Security client
 * registrations, each read from its issuer's discovery document on first use (so that
 * Concord starts while a provider is down) and kept once read. Every registration
 * authenticates to the provider with {@code private_key_jwt}; the signing key of each is
 * {@link #signingKey(String)}, the public halves are {@link #publicKeys()}.
 *
 * <p>
 * {@link #findByRegistrationId} answers null for an unknown id and for a provider whose
 * discovery fails (unreachable, not answering within the time-outs, or naming another
 * issuer), so the sign-in link falls through to a page that says the provider cannot be
 * reached.
 */
public class UpstreamProviders implements ClientRegistrationRepository, Iterable<ClientRegistration> {

	private static final Log logger = LogFactory.getLog(UpstreamProviders.class);

	private static final String REDIRECT_URI = "{baseUrl}/login/oauth2/code/{registrationId}";

	private final Map<String, FederationProperties.Provider> providers;

	private final RestClient http;

	private final Map<String, RSAKey> keys = new LinkedHashMap<>();

	private final Map<String, ClientRegistration> registrations = new ConcurrentHashMap<>();

	public UpstreamProviders(FederationProperties properties, RestClient http) {
		this.providers = new LinkedHashMap<>(new java.util.TreeMap<>(properties.providers()));
		this.http = http;
		this.providers.forEach((id, provider) -> this.keys.put(id, key(id, provider)));
	}

	/** The configured provider with that registration id, or null. */
	public FederationProperties.Provider provider(String registrationId) {
		return this.providers.get(registrationId);
	}

	/** The configured providers, by registration id, in id order. */
	public Map<String, FederationProperties.Provider> providers() {
		return this.providers;
	}

	@Override
	public ClientRegistration findByRegistrationId(String registrationId) {
		FederationProperties.Provider provider = this.providers.get(registrationId);
		if (provider == null) {
			return null;
		}
		ClientRegistration registration = this.registrations.get(registrationId);
		if (registration != null) {
			return registration;
		}
		try {
			registration = discover(registrationId, provider);
		}
		catch (RuntimeException ex) {
			logger.warn("Upstream provider " + registrationId + " (" + provider.issuerUri() + ") discovery failed: "
					+ abbreviated(ex.getMessage()));
			return null;
		}
		this.registrations.put(registrationId, registration);
		return registration;
	}

	/** The registrations discovered so far. */
	@Override
	public Iterator<ClientRegistration> iterator() {
		return List.copyOf(this.registrations.values()).iterator();
	}

	/**
	 * The key Concord signs its {@code private_key_jwt} client assertions with at that
	 * provider.
	 */
	public JWK signingKey(String registrationId) {
		return this.keys.get(registrationId);
	}

	/**
	 * The public keys of every provider's client assertions, for
	 * {@code /federation/jwks}.
	 */
	public JWKSet publicKeys() {
		List<JWK> publicKeys = new ArrayList<>();
		this.keys.values().forEach((key) -> publicKeys.add(key.toPublicJWK()));
		return new JWKSet(publicKeys);
	}

	private ClientRegistration discover(String id, FederationProperties.Provider provider) {
		String issuer = provider.issuerUri();
		String location = (issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
				+ "/.well-known/openid-configuration";
		Map<String, Object> metadata = this.http.get()
			.uri(URI.create(location))
			.retrieve()
			.body(new ParameterizedTypeReference<Map<String, Object>>() {
			});
		if (metadata == null || !issuer.equals(metadata.get("issuer"))) {
			throw new IllegalStateException("the discovery document names another issuer: "
					+ ((metadata != null) ? metadata.get("issuer") : null));
		}
		List<String> scopes = new ArrayList<>(provider.scopes());
		if (!scopes.contains("openid")) {
			scopes.add(0, "openid");
		}
		return ClientRegistration.withRegistrationId(id)
			.clientId(provider.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(REDIRECT_URI)
			.scope(scopes)
			.clientName(provider.displayName())
			.issuerUri(issuer)
			.authorizationUri(required(metadata, "authorization_endpoint"))
			.tokenUri(required(metadata, "token_endpoint"))
			.jwkSetUri(required(metadata, "jwks_uri"))
			.userInfoUri((String) metadata.get("userinfo_endpoint"))
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.providerConfigurationMetadata(metadata)
			.build();
	}

	private static String abbreviated(String message) {
		return (message != null && message.length() > 200) ? message.substring(0, 200) + "..." : message;
	}

	private static String required(Map<String, Object> metadata, String name) {
		if (!(metadata.get(name) instanceof String value) || value.isBlank()) {
			throw new IllegalStateException("the discovery document has no " + name);
		}
		return value;
	}

	private static RSAKey key(String id, FederationProperties.Provider provider) {
		String keyId = (provider.keyId() != null) ? provider.keyId() : "concord-" + id;
		try {
			if (provider.privateKeyLocation() == null) {
				logger.warn("concord.federation.providers." + id + ".private-key-location is not set: using a key made"
						+ " at start, which the provider can only read from /federation/jwks (development only)");
				KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
				generator.initialize(2048);
				KeyPair pair = generator.generateKeyPair();
				return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey(pair.getPrivate())
					.keyID(keyId)
					.keyUse(KeyUse.SIGNATURE)
					.build();
			}
			String pem = StreamUtils.copyToString(provider.privateKeyLocation().getInputStream(),
					java.nio.charset.StandardCharsets.US_ASCII);
			String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
			KeyFactory factory = KeyFactory.getInstance("RSA");
			RSAPrivateCrtKey privateKey = (RSAPrivateCrtKey) factory
				.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
			RSAPublicKey publicKey = (RSAPublicKey) factory
				.generatePublic(new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
			return new RSAKey.Builder(publicKey).privateKey(privateKey).keyID(keyId).keyUse(KeyUse.SIGNATURE).build();
		}
		catch (NoSuchAlgorithmException | java.io.IOException | java.security.spec.InvalidKeySpecException
				| ClassCastException | IllegalArgumentException ex) {
			throw new IllegalStateException("concord.federation.providers." + id
					+ ".private-key-location: not a PKCS#8 PEM RSA private key (" + ex.getMessage() + ")", ex);
		}
	}

}
