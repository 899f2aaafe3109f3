package care.concord.server.oauth;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.JwsAlgorithm;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Decodes and validates {@code private_key_jwt} client assertions with the HEART / iGov
 * rules:
 * <ul>
 * <li>the signature verifies with the client's keys: its {@code jwks_uri}, or the inline
 * JWK Set stored as {@link ConcordClientSettings#JWK_SET}, with its registered signing
 * algorithm (default RS256);</li>
 * <li>{@code iss} = {@code sub} = the client id, {@code aud} names the token endpoint or
 * the issuer, and {@code exp} is present and not passed (Spring Authorization Server's
 * default validator);</li>
 * <li>the assertion lives at most {@link #MAX_LIFETIME} ({@code exp - iat}, and
 * {@code exp - now});</li>
 * <li>{@code jti} is present and has not been used before by the same client
 * ({@link JtiReplayCache}).</li>
 * </ul>
 * Validation stops at the first failing rule, so an assertion refused for another reason
 * never consumes its {@code jti}. Any failure makes client authentication fail with
 * {@code invalid_client}.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 section 3</a>
 * @see <a href=
 * "https://openid.net/specs/openid-heart-oauth2-1_0.html#rfc.section.2.2">HEART OAuth 2.0
 * section 2.2</a>
 */
public final class ClientAssertionDecoderFactory implements JwtDecoderFactory<RegisteredClient> {

	/** The longest accepted client assertion lifetime. */
	public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7523#section-3";

	private final JtiReplayCache replayCache;

	private final Clock clock;

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	public ClientAssertionDecoderFactory(JtiReplayCache replayCache, Clock clock) {
		Assert.notNull(replayCache, "replayCache cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.replayCache = replayCache;
		this.clock = clock;
	}

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		Assert.notNull(client, "registeredClient cannot be null");
		String jwkSet = ConcordClientSettings.jwkSet(client.getClientSettings());
		String jwkSetUrl = client.getClientSettings().getJwkSetUrl();
		// Keyed by the key configuration too, so an update of the client's keys takes
		// effect at once.
		String cacheKey = client.getId() + "|" + jwkSetUrl + "|" + ((jwkSet != null) ? jwkSet.hashCode() : 0) + "|"
				+ algorithm(client);
		return this.decoders.computeIfAbsent(cacheKey, (key) -> buildDecoder(client, jwkSet, jwkSetUrl));
	}

	private JwtDecoder buildDecoder(RegisteredClient client, String jwkSet, String jwkSetUrl) {
		SignatureAlgorithm algorithm = algorithm(client);
		NimbusJwtDecoder decoder;
		if (StringUtils.hasText(jwkSetUrl)) {
			decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUrl).jwsAlgorithm(algorithm).build();
		}
		else if (jwkSet != null) {
			DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
			processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm.getName()),
					new ImmutableJWKSet<>(parseJwkSet(client, jwkSet))));
			processor.setJWTClaimsSetVerifier((claims, context) -> {
				// claims are validated by the OAuth2TokenValidator below
			});
			decoder = new NimbusJwtDecoder(processor);
		}
		else {
			throw new JwtException("client " + client.getClientId() + " has neither jwks_uri nor an inline JWK Set");
		}
		decoder.setJwtValidator(validator(client));
		return decoder;
	}

	private static JWKSet parseJwkSet(RegisteredClient client, String json) {
		try {
			return JWKSet.parse(json);
		}
		catch (ParseException ex) {
			throw new JwtException("the stored JWK Set of client " + client.getClientId() + " is malformed", ex);
		}
	}

	private static SignatureAlgorithm algorithm(RegisteredClient client) {
		JwsAlgorithm configured = client.getClientSettings().getTokenEndpointAuthenticationSigningAlgorithm();
		if (configured == null) {
			return SignatureAlgorithm.RS256;
		}
		SignatureAlgorithm algorithm = SignatureAlgorithm.from(configured.getName());
		if (algorithm == null) {
			// MAC algorithms (client_secret_jwt) are not offered by Concord.
			throw new JwtException("unsupported client assertion algorithm " + configured.getName());
		}
		return algorithm;
	}

	private OAuth2TokenValidator<Jwt> validator(RegisteredClient client) {
		List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
		rules.add(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
		rules.add(this::validateLifetime);
		rules.add((jwt) -> validateJti(client, jwt));
		return (jwt) -> {
			for (OAuth2TokenValidator<Jwt> rule : rules) {
				OAuth2TokenValidatorResult result = rule.validate(jwt);
				if (result.hasErrors()) {
					return result;
				}
			}
			return OAuth2TokenValidatorResult.success();
		};
	}

	private OAuth2TokenValidatorResult validateLifetime(Jwt jwt) {
		Instant expiresAt = jwt.getExpiresAt();
		if (expiresAt == null) {
			return failure("client assertion has no exp claim");
		}
		Instant issuedAt = jwt.getIssuedAt();
		if (issuedAt != null && Duration.between(issuedAt, expiresAt).compareTo(MAX_LIFETIME) > 0) {
			return failure("client assertion lifetime exceeds " + MAX_LIFETIME.toMinutes() + " minutes");
		}
		if (Duration.between(this.clock.instant(), expiresAt).compareTo(MAX_LIFETIME) > 0) {
			return failure("client assertion expires more than " + MAX_LIFETIME.toMinutes() + " minutes from now");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private OAuth2TokenValidatorResult validateJti(RegisteredClient client, Jwt jwt) {
		String jti = jwt.getId();
		if (!StringUtils.hasText(jti)) {
			return failure("client assertion has no jti claim");
		}
		if (jti.length() > 200) {
			return failure("client assertion jti is too long");
		}
		if (!this.replayCache.markUsed(client.getClientId(), jti, jwt.getExpiresAt())) {
			return failure("client assertion jti has already been used");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult failure(String description) {
		return OAuth2TokenValidatorResult
			.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, ERROR_URI));
	}

}
