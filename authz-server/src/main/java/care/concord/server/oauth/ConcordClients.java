package care.concord.server.oauth;

import org.springframework.security.oauth2.server.authorization.settings.OAuth2TokenFormat;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Settings shared by every client Concord registers.
 */
public final class ConcordClients {

	private ConcordClients() {
	}

	/**
	 * Token settings from the configured {@link TokenLifetimes}: self-contained (JWT)
	 * access tokens, refresh tokens rotated on every use
	 * ({@code reuseRefreshTokens=false}).
	 * @param publicClient true for a public client (access tokens at most 15 minutes)
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc9700#section-4.14.2">RFC 9700
	 * section 4.14.2</a>
	 */
	public static TokenSettings tokenSettings(TokenLifetimes lifetimes, boolean publicClient) {
		return TokenSettings.builder()
			.accessTokenFormat(OAuth2TokenFormat.SELF_CONTAINED)
			.accessTokenTimeToLive(publicClient ? lifetimes.publicClientAccessTtl() : lifetimes.accessTtl())
			.refreshTokenTimeToLive(lifetimes.refreshTtl())
			.authorizationCodeTimeToLive(lifetimes.authorizationCodeTtl())
			.reuseRefreshTokens(false)
			.build();
	}

}
