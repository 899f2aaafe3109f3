package care.concord.server.oauth;

import java.util.function.Consumer;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Requires the {@code redirect_uri} of an authorization request to equal, character for
 * character, one of the client's registered redirect URIs. Unlike the default validator,
 * it grants loopback IP redirect URIs no port flexibility (RFC 8252 section 7.3), as the
 * HEART profile requires exact matching. The error is not redirected: the response is a
 * 400 at the authorization server.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.1.3">RFC 9700 section
 * 4.1.3</a>
 * @see <a href=
 * "https://openid.net/specs/openid-heart-oauth2-1_0.html#rfc.section.2.1.1">HEART OAuth
 * 2.0 section 2.1.1</a>
 */
public final class ExactRedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		RegisteredClient client = context.getRegisteredClient();
		String redirectUri = request.getRedirectUri();
		if (redirectUri == null || client.getRedirectUris().contains(redirectUri)) {
			// an absent redirect_uri is handled by the default validator (required for
			// OpenID requests)
			return;
		}
		OAuth2Error error = new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: " + OAuth2ParameterNames.REDIRECT_URI, ERROR_URI);
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(), null,
				request.getState(), request.getScopes(), request.getAdditionalParameters());
		throw new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
	}

}
