package care.concord.server.uma;

import java.util.Collection;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.util.Assert;

/**
 * Authenticates a resource server's client by its PAT at the introspection endpoint
 * ({@link UmaPatClientAuthenticationConverter}): the PAT must be a valid Concord access
 * token (signature, expiry, not revoked, client and organisation enabled: the API chain's
 * {@link JwtDecoder}) with scope {@code uma_protection}, issued to the client it names.
 * The result is the client, authenticated with method
 * {@link UmaPatClientAuthenticationConverter#PAT_BEARER}, which
 * {@link UmaRptIntrospectionAuthenticationProvider} lets introspect RPTs only. Any
 * failure is {@code invalid_client}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.5">UMA
 * FedAuthz section 5</a>
 */
public final class UmaPatClientAuthenticationProvider implements AuthenticationProvider {

	static final String PROTECTION_SCOPE = "uma_protection";

	private final JwtDecoder jwtDecoder;

	private final RegisteredClientRepository clients;

	public UmaPatClientAuthenticationProvider(JwtDecoder jwtDecoder, RegisteredClientRepository clients) {
		Assert.notNull(jwtDecoder, "jwtDecoder cannot be null");
		Assert.notNull(clients, "clients cannot be null");
		this.jwtDecoder = jwtDecoder;
		this.clients = clients;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		OAuth2ClientAuthenticationToken request = (OAuth2ClientAuthenticationToken) authentication;
		if (!UmaPatClientAuthenticationConverter.PAT_BEARER.equals(request.getClientAuthenticationMethod())) {
			return null;
		}
		Jwt pat;
		try {
			pat = this.jwtDecoder.decode((String) request.getCredentials());
		}
		catch (JwtException ex) {
			throw UmaPatClientAuthenticationConverter.invalidClient("the PAT is invalid, expired or revoked");
		}
		String clientId = pat.getClaimAsString("client_id");
		if (clientId == null || !clientId.equals(request.getPrincipal())) {
			throw UmaPatClientAuthenticationConverter.invalidClient("the PAT does not name its client");
		}
		if (!hasProtectionScope(pat.getClaim("scope"))) {
			throw UmaPatClientAuthenticationConverter.invalidClient("the PAT lacks scope " + PROTECTION_SCOPE);
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			throw UmaPatClientAuthenticationConverter.invalidClient("the PAT's client is unknown or disabled");
		}
		return new OAuth2ClientAuthenticationToken(client, UmaPatClientAuthenticationConverter.PAT_BEARER, null);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientAuthenticationToken.class.isAssignableFrom(authentication);
	}

	private static boolean hasProtectionScope(Object scope) {
		if (scope instanceof Collection<?> scopes) {
			return scopes.contains(PROTECTION_SCOPE);
		}
		if (scope instanceof String text) {
			for (String value : text.split(" ")) {
				if (PROTECTION_SCOPE.equals(value)) {
					return true;
				}
			}
		}
		return false;
	}

}
