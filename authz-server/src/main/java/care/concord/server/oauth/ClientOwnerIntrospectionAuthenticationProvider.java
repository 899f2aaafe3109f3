package care.concord.server.oauth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.util.Assert;

/**
 * Token introspection that also honours account status and discloses only what the caller
 * needs: wraps Spring Authorization Server's introspection provider and answers
 * {@code {"active": false}} for a token whose client, or whose client's organisation, has
 * been disabled since the token was issued, for a person's token (one carrying
 * {@code roles}) whose account has been disabled since, and for any token that was not
 * issued to the introspecting client (RFC 7662 section 4: one agency learns nothing about
 * another's tokens or a citizen's console token). Resource servers introspect RPTs
 * through {@code uma.UmaRptIntrospectionAuthenticationProvider}, which shows only
 * permissions on resources they hold.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7662#section-2.2">RFC 7662 section
 * 2.2</a>
 */
public final class ClientOwnerIntrospectionAuthenticationProvider implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	private final ClientOwnerDirectory owners;

	private final PersonDirectory people;

	public ClientOwnerIntrospectionAuthenticationProvider(AuthenticationProvider delegate, ClientOwnerDirectory owners,
			PersonDirectory people) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(people, "people cannot be null");
		this.delegate = delegate;
		this.owners = owners;
		this.people = people;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		Authentication result = this.delegate.authenticate(authentication);
		if (!(result instanceof OAuth2TokenIntrospectionAuthenticationToken introspection)) {
			return result;
		}
		OAuth2TokenIntrospection claims = introspection.getTokenClaims();
		if (!claims.isActive()
				|| (isIssuedToCaller(introspection, claims) && isClientEnabled(claims) && isPersonEnabled(claims))) {
			return result;
		}
		OAuth2TokenIntrospectionAuthenticationToken inactive = new OAuth2TokenIntrospectionAuthenticationToken(
				introspection.getToken(), (Authentication) introspection.getPrincipal(),
				OAuth2TokenIntrospection.builder().build());
		inactive.setDetails(introspection.getDetails());
		return inactive;
	}

	private static boolean isIssuedToCaller(OAuth2TokenIntrospectionAuthenticationToken introspection,
			OAuth2TokenIntrospection claims) {
		return introspection.getPrincipal() instanceof OAuth2ClientAuthenticationToken caller
				&& caller.getRegisteredClient() != null
				&& caller.getRegisteredClient().getClientId().equals(claims.getClientId());
	}

	private boolean isClientEnabled(OAuth2TokenIntrospection claims) {
		return claims.getClientId() == null || this.owners.isClientEnabled(claims.getClientId());
	}

	private boolean isPersonEnabled(OAuth2TokenIntrospection claims) {
		return !claims.getClaims().containsKey("roles") || claims.getSubject() == null
				|| this.people.findEnabled(claims.getSubject()).isPresent();
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
