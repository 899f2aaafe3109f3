package care.concord.server.oauth;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.util.Assert;

/**
 * The {@link OAuth2AuthorizationService} of the authorization server: Spring
 * Authorization Server's JDBC store, except for {@code client_credentials} access tokens
 * and RPTs issued without break glass, which are self-contained and not stored.
 *
 * <p>
 * An agency system's token carries everything introspection reports (client,
 * organisation, scopes, times) and is signed by Concord, so writing a row per token (the
 * JDBC store serialises the whole authorization as JSON and maintains three indexes) buys
 * nothing but cost: it was the largest share of a token request after the signature. Such
 * a token is marked with the claim {@code gty} = its grant type
 * ({@code client_credentials}, the convention of Auth0 and others, or
 * {@code urn:ietf:params:oauth:grant-type:uma-ticket}) and:
 * <ul>
 * <li>{@link #save} of a new one stores nothing; of an invalidated one (RFC 7009
 * revocation) records its {@code jti} in {@link RevokedTokens} until it expires;</li>
 * <li>{@link #findByToken} verifies the signature and lifetime (against Concord's
 * published keys), finds the client, and rebuilds the authorization from the claims,
 * marked invalidated when the {@code jti} is revoked. A token that does not verify is not
 * found, hence inactive.</li>
 * </ul>
 * A disabled client's or organisation's tokens are refused where they are used, as
 * before: introspection ({@link ClientOwnerIntrospectionAuthenticationProvider}) and the
 * API's bearer check ask the directory. An RPT's consent is re-decided at every
 * introspection from its claims (purpose, role, practitioner), as before.
 * Authorization-code and refresh authorizations, and RPTs granted by break glass (whose
 * reason stays server-side, for that re-decision and for review), are stored as before.
 */
public final class ConcordAuthorizationService implements OAuth2AuthorizationService {

	/** The claim that marks a self-contained {@code client_credentials} access token. */
	public static final String GRANT_TYPE_CLAIM = "gty";

	/** Its value for an agency system's token. */
	public static final String CLIENT_CREDENTIALS = AuthorizationGrantType.CLIENT_CREDENTIALS.getValue();

	/** Its value for an RPT (UMA 2.0 grant) issued without break glass. */
	public static final String UMA_TICKET = "urn:ietf:params:oauth:grant-type:uma-ticket";

	private static final Set<String> SELF_CONTAINED_GRANTS = Set.of(CLIENT_CREDENTIALS, UMA_TICKET);

	private final OAuth2AuthorizationService store;

	private final JwtDecoder signatureVerifier;

	private final ConcordRegisteredClientRepository clients;

	private final RevokedTokens revoked;

	/**
	 * @param store where every other authorization is kept
	 * @param signatureVerifier verifies Concord's own JWTs (signature, {@code exp},
	 * {@code nbf}; nothing that reads this service, to avoid a cycle)
	 * @param clients the registered clients
	 * @param revoked the deny-list of revoked self-contained tokens
	 */
	public ConcordAuthorizationService(OAuth2AuthorizationService store, JwtDecoder signatureVerifier,
			ConcordRegisteredClientRepository clients, RevokedTokens revoked) {
		Assert.notNull(store, "store cannot be null");
		Assert.notNull(signatureVerifier, "signatureVerifier cannot be null");
		Assert.notNull(clients, "clients cannot be null");
		Assert.notNull(revoked, "revoked cannot be null");
		this.store = store;
		this.signatureVerifier = signatureVerifier;
		this.clients = clients;
		this.revoked = revoked;
	}

	/** True for a self-contained access token's claims. */
	public static boolean isSelfContained(Map<String, Object> claims) {
		return claims != null && claims.get(GRANT_TYPE_CLAIM) instanceof String grant
				&& SELF_CONTAINED_GRANTS.contains(grant);
	}

	@Override
	public void save(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		OAuth2Authorization.Token<OAuth2AccessToken> token = selfContainedToken(authorization);
		if (token == null) {
			this.store.save(authorization);
		}
		else if (token.isInvalidated()) {
			revoke(authorization, token);
		}
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		Assert.notNull(authorization, "authorization cannot be null");
		OAuth2Authorization.Token<OAuth2AccessToken> token = selfContainedToken(authorization);
		if (token == null) {
			this.store.remove(authorization);
		}
		else {
			revoke(authorization, token);
		}
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return this.store.findById(id);
	}

	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		Assert.hasText(token, "token cannot be empty");
		if ((tokenType == null || OAuth2TokenType.ACCESS_TOKEN.equals(tokenType)) && isSelfContainedJwt(token)) {
			return rebuild(token);
		}
		return this.store.findByToken(token, tokenType);
	}

	private void revoke(OAuth2Authorization authorization, OAuth2Authorization.Token<OAuth2AccessToken> token) {
		Object jti = token.getClaims().get("jti");
		if (jti == null) {
			throw new IllegalStateException("a self-contained access token without jti cannot be revoked");
		}
		Object clientId = token.getClaims().get("client_id");
		this.revoked.revoke(jti.toString(), (clientId != null) ? clientId.toString() : authorization.getPrincipalName(),
				token.getToken().getExpiresAt());
	}

	private static OAuth2Authorization.Token<OAuth2AccessToken> selfContainedToken(OAuth2Authorization authorization) {
		OAuth2Authorization.Token<OAuth2AccessToken> token = authorization.getAccessToken();
		if (token == null || authorization.getRefreshToken() != null || !isSelfContained(token.getClaims())
				|| !authorization.getAuthorizationGrantType()
					.getValue()
					.equals(token.getClaims().get(GRANT_TYPE_CLAIM))) {
			return null;
		}
		return token;
	}

	/**
	 * Unverified peek at the claims: only decides where to look; {@link #rebuild}
	 * verifies.
	 */
	private static boolean isSelfContainedJwt(String token) {
		if (token.length() > 16_384 || token.chars().filter((c) -> c == '.').count() != 2) {
			return false;
		}
		try {
			JWT jwt = JWTParser.parse(token);
			return jwt.getJWTClaimsSet().getClaim(GRANT_TYPE_CLAIM) instanceof String grant
					&& SELF_CONTAINED_GRANTS.contains(grant);
		}
		catch (java.text.ParseException | RuntimeException ex) {
			return false;
		}
	}

	private OAuth2Authorization rebuild(String tokenValue) {
		Jwt jwt;
		try {
			jwt = this.signatureVerifier.decode(tokenValue);
		}
		catch (JwtException ex) {
			return null; // forged, expired or not yet valid: no such authorization
		}
		String clientId = jwt.getClaimAsString("client_id");
		RegisteredClient client = this.clients.findByClientIdIncludingDisabled(clientId);
		if (client == null || jwt.getId() == null) {
			return null;
		}
		Set<String> scopes = scopes(jwt.getClaims().get("scope"));
		Instant issuedAt = jwt.getIssuedAt();
		OAuth2AccessToken accessToken = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, tokenValue, issuedAt,
				jwt.getExpiresAt(), scopes);
		boolean revokedToken = this.revoked.isRevoked(jwt.getId());
		return OAuth2Authorization.withRegisteredClient(client)
			.id(jwt.getId())
			.principalName(client.getClientId())
			.authorizationGrantType(new AuthorizationGrantType(jwt.getClaimAsString(GRANT_TYPE_CLAIM)))
			.authorizedScopes(scopes)
			.token(accessToken, (metadata) -> {
				metadata.put(OAuth2Authorization.Token.CLAIMS_METADATA_NAME, jwt.getClaims());
				if (revokedToken) {
					metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, true);
				}
			})
			.build();
	}

	private static Set<String> scopes(Object claim) {
		Set<String> scopes = new LinkedHashSet<>();
		if (claim instanceof Collection<?> values) {
			values.forEach((value) -> scopes.add(String.valueOf(value)));
		}
		else if (claim instanceof String value && !value.isBlank()) {
			scopes.addAll(java.util.Arrays.asList(value.trim().split("\\s+")));
		}
		return scopes;
	}

}
