package care.concord.server.oauth;

import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * Names of Concord's own {@link ClientSettings} entries, stored with the registered
 * client.
 */
public final class ConcordClientSettings {

	/**
	 * An inline JWK Set (JSON string) holding the client's public keys for
	 * {@code private_key_jwt}, used when the client has no {@code jwks_uri}
	 * ({@link ClientSettings#getJwkSetUrl()}).
	 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 section 2
	 * ({@code jwks})</a>
	 */
	public static final String JWK_SET = "settings.client.concord.jwk-set";

	private ConcordClientSettings() {
	}

	/** The client's inline JWK Set JSON, or null. */
	public static String jwkSet(ClientSettings settings) {
		Object value = settings.getSettings().get(JWK_SET);
		return (value instanceof String json && !json.isBlank()) ? json : null;
	}

}
