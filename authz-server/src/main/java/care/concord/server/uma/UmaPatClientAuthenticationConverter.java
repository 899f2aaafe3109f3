package care.concord.server.uma;

import java.text.ParseException;

import com.nimbusds.jwt.JWTParser;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Lets a resource server authorise a call to the token introspection endpoint with its
 * PAT as a bearer token, as UMA FedAuthz section 5 has it
 * ({@code Authorization: Bearer <PAT>}): converts such a request into an unauthenticated
 * {@link OAuth2ClientAuthenticationToken} with the method {@link #PAT_BEARER}, the PAT as
 * credentials and the PAT's {@code client_id} (read without verification, only to name
 * the client) as principal. {@link UmaPatClientAuthenticationProvider} verifies it. Only
 * the introspection endpoint is concerned: a PAT never authenticates a client at the
 * token endpoint.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.5">UMA
 * FedAuthz section 5</a>
 */
public final class UmaPatClientAuthenticationConverter implements AuthenticationConverter {

	/** The client authentication method of a resource server presenting its PAT. */
	public static final ClientAuthenticationMethod PAT_BEARER = new ClientAuthenticationMethod(
			"urn:concord:client-authentication:uma-pat-bearer");

	private static final String BEARER = "Bearer ";

	private final String introspectionEndpoint;

	/**
	 * @param introspectionEndpoint the introspection endpoint's path, e.g.
	 * {@code /oauth2/introspect}
	 */
	public UmaPatClientAuthenticationConverter(String introspectionEndpoint) {
		Assert.hasText(introspectionEndpoint, "introspectionEndpoint cannot be empty");
		this.introspectionEndpoint = introspectionEndpoint;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!"POST".equals(request.getMethod()) || !this.introspectionEndpoint.equals(path)) {
			return null;
		}
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			return null;
		}
		String pat = header.substring(BEARER.length()).strip();
		String clientId;
		try {
			clientId = JWTParser.parse(pat).getJWTClaimsSet().getStringClaim("client_id");
		}
		catch (ParseException | RuntimeException ex) {
			throw invalidClient("the bearer token is not a PAT issued by Concord");
		}
		if (!StringUtils.hasText(clientId)) {
			throw invalidClient("the bearer token is not a PAT issued by Concord");
		}
		return new OAuth2ClientAuthenticationToken(clientId, PAT_BEARER, pat, null);
	}

	static OAuth2AuthenticationException invalidClient(String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, description, null));
	}

}
