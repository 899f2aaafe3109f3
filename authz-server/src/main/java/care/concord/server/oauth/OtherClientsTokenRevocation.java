package care.concord.server.oauth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.util.Assert;

/**
 * Revocation of a token issued to another client answers as for an unknown token (RFC
 * 7009 section 2.2: 200, the token left alone), instead of Spring Authorization Server's
 * 401 {@code invalid_client}, which told the caller that the string was a live token of
 * someone else. Client authentication itself happens before this provider, so a caller
 * with bad credentials still gets {@code invalid_client}.
 */
public final class OtherClientsTokenRevocation implements AuthenticationProvider {

	private final AuthenticationProvider delegate;

	public OtherClientsTokenRevocation(AuthenticationProvider delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		try {
			return this.delegate.authenticate(authentication);
		}
		catch (OAuth2AuthenticationException ex) {
			if (OAuth2ErrorCodes.INVALID_CLIENT.equals(ex.getError().getErrorCode())
					&& authentication instanceof OAuth2TokenRevocationAuthenticationToken request) {
				return request; // as for a token that does not exist: nothing revoked,
								// 200
			}
			throw ex;
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
