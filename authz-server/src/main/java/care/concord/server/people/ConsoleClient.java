package care.concord.server.people;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import care.concord.server.oauth.ConcordClients;
import care.concord.server.oauth.TokenLifetimes;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Concord's first-party public clients (the admin console and the citizen pages):
 * authorization code with PKCE S256, no client secret, no consent screen (first party),
 * exact redirect URIs, access tokens of the public-client lifetime and no refresh tokens.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8252">RFC 8252</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7636">RFC 7636</a>
 */
public final class ConsoleClient {

	/** The admin console's client id. */
	public static final String CLIENT_ID = "concord-console";

	private ConsoleClient() {
	}

	/** A first-party public client with those redirect URIs. */
	public static RegisteredClient registeredClient(String clientId, List<String> redirectUris,
			TokenLifetimes lifetimes, Instant now) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(now)
			.clientName("Concord console")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> uris.addAll(redirectUris))
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(ConcordClients.tokenSettings(lifetimes, true))
			.build();
	}

	/**
	 * Registers the client, or adds the redirect URIs it lacks when it exists (never
	 * removes any).
	 * @return true if anything was stored
	 */
	public static boolean registerOrComplete(RegisteredClientRepository clients, String clientId,
			List<String> redirectUris, TokenLifetimes lifetimes, Instant now) {
		RegisteredClient existing = clients.findByClientId(clientId);
		if (existing == null) {
			clients.save(registeredClient(clientId, redirectUris, lifetimes, now));
			return true;
		}
		if (existing.getRedirectUris().containsAll(redirectUris)) {
			return false;
		}
		clients.save(RegisteredClient.from(existing).redirectUris((uris) -> uris.addAll(redirectUris)).build());
		return true;
	}

	/** Registers the client unless a client with that id exists; true if registered. */
	public static boolean registerIfAbsent(RegisteredClientRepository clients, String clientId,
			List<String> redirectUris, TokenLifetimes lifetimes, Instant now) {
		if (clients.findByClientId(clientId) != null) {
			return false;
		}
		clients.save(registeredClient(clientId, redirectUris, lifetimes, now));
		return true;
	}

}
