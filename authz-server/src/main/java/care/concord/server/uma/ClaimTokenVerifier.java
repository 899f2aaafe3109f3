package care.concord.server.uma;

import java.net.MalformedURLException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import care.concord.policy.request.Purpose;
import care.concord.server.oauth.ConcordClientSettings;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Verifies the claim token a client pushes with the UMA grant and reads the
 * {@link PractitionerClaims} from it. Two formats (docs/uma.md, "Claim tokens"):
 * <ul>
 * <li>{@value #PRACTITIONER_JWT}: a JWS signed with one of the client's registered keys
 * (its inline JWK Set or {@code jwks_uri}, the keys of {@code private_key_jwt}) with an
 * asymmetric algorithm; {@code iss} = the client id, {@code aud} = Concord's issuer or
 * token endpoint, {@code exp} and {@code iat} required, {@code exp} not passed and at
 * most {@code concord.uma.claim-token-max-age} ahead. The only format for clients that
 * have keys.</li>
 * <li>{@value #PRACTITIONER_CLAIMS}: the claims JSON, base64url-encoded, unsigned; only
 * for clients without registered keys (client secret authentication), whose authenticated
 * request already vouches for the claims. {@code exp} and {@code iat} are required and
 * checked as above.</li>
 * </ul>
 * A token that fails verification is {@code invalid_grant}; an unsupported or unreadable
 * one {@code invalid_request}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.1">UMA
 * Grant section 3.3.1</a>
 */
public final class ClaimTokenVerifier {

	/** Claim token format: a JWT signed by the client's registered key. */
	public static final String PRACTITIONER_JWT = "urn:concord:claim-token:practitioner-jwt";

	/** Claim token format: base64url JSON claims, for clients authenticated by secret. */
	public static final String PRACTITIONER_CLAIMS = "urn:concord:claim-token:practitioner-claims";

	/**
	 * Claim token format: the practitioner's ID token from a trusted staff identity
	 * provider (NHS CIS2); the purpose of use and any break-glass reason are request
	 * parameters ({@code purpose_of_use}, {@code break_glass_reason}).
	 */
	public static final String CIS2_ID_TOKEN = "urn:concord:claim-token:cis2-id-token";

	/** The formats, for discovery. */
	public static final List<String> FORMATS = List.of(PRACTITIONER_JWT, PRACTITIONER_CLAIMS, CIS2_ID_TOKEN);

	public static final String PURPOSE_OF_USE = "purpose_of_use";

	public static final String PRACTITIONER_ROLE = "practitioner_role";

	public static final String PRACTITIONER_ID = "practitioner_id";

	public static final String BREAK_GLASS_REASON = "break_glass_reason";

	private static final Duration SKEW = Duration.ofSeconds(30);

	private static final int MAX_TOKEN_LENGTH = 8192;

	private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final Duration maxAge;

	private final Clock clock;

	private final Map<String, JWKSource<SecurityContext>> remoteKeys = new ConcurrentHashMap<>();

	private PractitionerIdTokens idTokens;

	public ClaimTokenVerifier(Duration maxAge, Clock clock) {
		Assert.notNull(maxAge, "maxAge cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		this.maxAge = maxAge;
		this.clock = clock;
	}

	/**
	 * Accepts {@value #CIS2_ID_TOKEN} claim tokens, verified by the given trusted
	 * providers' keys.
	 */
	public void setPractitionerIdTokens(PractitionerIdTokens idTokens) {
		this.idTokens = idTokens;
	}

	/**
	 * Verifies a claim token of the client, taking the purpose and break-glass reason of
	 * an {@value #CIS2_ID_TOKEN} from the request's other parameters.
	 * @param parameters the grant request's other parameters
	 */
	public PractitionerClaims verify(RegisteredClient client, String format, String token, Collection<String> audiences,
			Map<String, Object> parameters) {
		if (!CIS2_ID_TOKEN.equals(format)) {
			return verify(client, format, token, audiences);
		}
		if (this.idTokens == null) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "no trusted issuer of " + CIS2_ID_TOKEN + " is configured");
		}
		if (!StringUtils.hasText(token) || token.length() > MAX_TOKEN_LENGTH) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token is empty or too long");
		}
		PractitionerIdTokens.PractitionerIdentity practitioner = this.idTokens.verify(token);
		return new PractitionerClaims(purpose(parameter(parameters, PURPOSE_OF_USE)), practitioner.role(),
				practitioner.userId(), parameter(parameters, BREAK_GLASS_REASON), practitioner.orgCode());
	}

	private static String parameter(Map<String, Object> parameters, String name) {
		Object value = (parameters != null) ? parameters.get(name) : null;
		if (value != null && !(value instanceof String)) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, name + " must be given once");
		}
		return (String) value;
	}

	/**
	 * Verifies a claim token of the client.
	 * @param client the authenticated client that pushed the token
	 * @param format the {@code claim_token_format}
	 * @param token the {@code claim_token}
	 * @param audiences the identifiers accepted in {@code aud} (issuer, token endpoint
	 * URL)
	 * @throws OAuth2AuthenticationException {@code invalid_request} or
	 * {@code invalid_grant}
	 */
	public PractitionerClaims verify(RegisteredClient client, String format, String token,
			Collection<String> audiences) {
		Assert.notNull(client, "client cannot be null");
		if (!StringUtils.hasText(token) || token.length() > MAX_TOKEN_LENGTH) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token is empty or too long");
		}
		if (PRACTITIONER_JWT.equals(format)) {
			return fromJwt(client, token, audiences);
		}
		if (PRACTITIONER_CLAIMS.equals(format)) {
			if (hasKeys(client)) {
				throw error(OAuth2ErrorCodes.INVALID_REQUEST, "this client has registered keys, so its claim tokens"
						+ " must be signed JWTs (" + PRACTITIONER_JWT + ")");
			}
			return fromClaims(token);
		}
		throw error(OAuth2ErrorCodes.INVALID_REQUEST, "unsupported claim_token_format; supported: " + FORMATS);
	}

	private PractitionerClaims fromJwt(RegisteredClient client, String token, Collection<String> audiences) {
		JWKSource<SecurityContext> keys = keys(client);
		DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
		processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
		processor.setJWTClaimsSetVerifier((claims, context) -> {
			// checked below, with Concord's clock and error messages
		});
		JWTClaimsSet claims;
		try {
			claims = processor.process(token, null);
		}
		catch (ParseException ex) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token is not a JWT");
		}
		catch (BadJOSEException | JOSEException ex) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT,
					"claim_token signature does not verify with the client's registered keys");
		}
		if (!client.getClientId().equals(claims.getIssuer())) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token iss must be the client id");
		}
		List<String> aud = claims.getAudience();
		if (aud == null || aud.stream().noneMatch(audiences::contains)) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token aud must name Concord's issuer or token endpoint");
		}
		checkTimes(instant(claims.getExpirationTime()), instant(claims.getIssueTime()));
		try {
			return new PractitionerClaims(purpose(claims.getStringClaim(PURPOSE_OF_USE)),
					claims.getStringClaim(PRACTITIONER_ROLE), claims.getStringClaim(PRACTITIONER_ID),
					claims.getStringClaim(BREAK_GLASS_REASON));
		}
		catch (ParseException ex) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token claims must be strings");
		}
	}

	private PractitionerClaims fromClaims(String token) {
		JsonNode json;
		try {
			json = JSON.readTree(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token is not base64url-encoded JSON");
		}
		if (json == null || !json.isObject()) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token must encode a JSON object");
		}
		checkTimes(epoch(json, "exp"), epoch(json, "iat"));
		return new PractitionerClaims(purpose(string(json, PURPOSE_OF_USE)), string(json, PRACTITIONER_ROLE),
				string(json, PRACTITIONER_ID), string(json, BREAK_GLASS_REASON));
	}

	private void checkTimes(Instant expiresAt, Instant issuedAt) {
		Instant now = this.clock.instant();
		if (expiresAt == null || issuedAt == null) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token must have exp and iat");
		}
		if (!now.isBefore(expiresAt.plus(SKEW))) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token has expired");
		}
		if (issuedAt.isAfter(now.plus(SKEW))) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT, "claim_token iat is in the future");
		}
		if (expiresAt.isAfter(now.plus(this.maxAge).plus(SKEW))) {
			throw error(OAuth2ErrorCodes.INVALID_GRANT,
					"claim_token exp is more than " + this.maxAge.toMinutes() + " minutes ahead");
		}
	}

	private JWKSource<SecurityContext> keys(RegisteredClient client) {
		String inline = ConcordClientSettings.jwkSet(client.getClientSettings());
		if (inline != null) {
			try {
				return new ImmutableJWKSet<>(JWKSet.parse(inline));
			}
			catch (ParseException ex) {
				throw error(OAuth2ErrorCodes.INVALID_GRANT, "the client's registered JWK Set cannot be read");
			}
		}
		String url = client.getClientSettings().getJwkSetUrl();
		if (StringUtils.hasText(url)) {
			return this.remoteKeys.computeIfAbsent(url, (key) -> {
				try {
					return JWKSourceBuilder.create(URI.create(key).toURL()).build();
				}
				catch (MalformedURLException | IllegalArgumentException ex) {
					throw error(OAuth2ErrorCodes.INVALID_GRANT, "the client's jwks_uri is not a URL");
				}
			});
		}
		throw error(OAuth2ErrorCodes.INVALID_GRANT,
				"this client has no registered keys, so it cannot sign claim" + " tokens; use " + PRACTITIONER_CLAIMS);
	}

	private static boolean hasKeys(RegisteredClient client) {
		return ConcordClientSettings.jwkSet(client.getClientSettings()) != null
				|| StringUtils.hasText(client.getClientSettings().getJwkSetUrl());
	}

	/** A purpose as given, with the HL7 PurposeOfUse codes mapped to Concord's codes. */
	static String purpose(String value) {
		if (value == null) {
			return null;
		}
		for (Purpose purpose : Purpose.values()) {
			if (purpose.fhirCode().equals(value)) {
				return purpose.code();
			}
		}
		return value;
	}

	private static String string(JsonNode json, String name) {
		JsonNode value = json.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isString()) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST, "claim_token claim " + name + " must be a string");
		}
		return value.asString();
	}

	private static Instant epoch(JsonNode json, String name) {
		JsonNode value = json.get(name);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isIntegralNumber()) {
			throw error(OAuth2ErrorCodes.INVALID_REQUEST,
					"claim_token claim " + name + " must be seconds since the epoch");
		}
		return Instant.ofEpochSecond(value.asLong());
	}

	private static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, null));
	}

}
