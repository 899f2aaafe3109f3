package care.concord.server.oauth;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.util.Assert;

/**
 * Whether one of Concord's own access tokens, its signature and lifetime already
 * verified, is still good for the API chain ({@code concord.api.check-token-status}): its
 * client (and so its organisation) is enabled, a person's token ({@code roles} claim)
 * belongs to an enabled account, and it has not been revoked (a self-contained token by
 * its {@code jti}, a stored one by its authorization's state).
 */
public final class TokenStatusValidator implements OAuth2TokenValidator<Jwt> {

	private final OAuth2AuthorizationService authorizations;

	private final ClientOwnerDirectory owners;

	private final PersonDirectory people;

	private final RevokedTokens revokedTokens;

	public TokenStatusValidator(OAuth2AuthorizationService authorizations, ClientOwnerDirectory owners,
			PersonDirectory people, RevokedTokens revokedTokens) {
		Assert.notNull(authorizations, "authorizations cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(people, "people cannot be null");
		Assert.notNull(revokedTokens, "revokedTokens cannot be null");
		this.authorizations = authorizations;
		this.owners = owners;
		this.people = people;
		this.revokedTokens = revokedTokens;
	}

	@Override
	public OAuth2TokenValidatorResult validate(Jwt jwt) {
		String clientId = jwt.getClaimAsString("client_id");
		if (clientId != null && !this.owners.isClientEnabled(clientId)) {
			return invalid("the token's client is disabled");
		}
		if (jwt.hasClaim("roles") && jwt.getSubject() != null && this.people.findEnabled(jwt.getSubject()).isEmpty()) {
			return invalid("the token's account is disabled");
		}
		if (ConcordAuthorizationService.isSelfContained(jwt.getClaims())) {
			// signature and lifetime were verified by the decoder; only a revocation can
			// make it inactive
			return this.revokedTokens.isRevoked(jwt.getId()) ? invalid("the token has been revoked")
					: OAuth2TokenValidatorResult.success();
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(jwt.getTokenValue(),
				OAuth2TokenType.ACCESS_TOKEN);
		if (authorization == null || authorization.getAccessToken() == null
				|| !authorization.getAccessToken().isActive()) {
			return invalid("the token has been revoked");
		}
		return OAuth2TokenValidatorResult.success();
	}

	private static OAuth2TokenValidatorResult invalid(String description) {
		return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, description, null));
	}

}
