package care.concord.server.oauth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What Concord's discovery documents advertise, in one place so that
 * {@code /.well-known/openid-configuration},
 * {@code /.well-known/oauth-authorization-server} and
 * {@code /.well-known/uma2-configuration} agree with each other and with what the server
 * does: the client authentication methods the agency admin API registers clients with
 * ({@code client_secret_jwt} and mutual TLS are refused there), and no token exchange or
 * device grant (no client can be registered for them).
 */
public final class OAuthDiscovery {

	/**
	 * The client authentication methods of the token endpoint: a secret, a signed
	 * assertion, or none for a public client with PKCE.
	 */
	public static final List<String> TOKEN_ENDPOINT_AUTHENTICATION_METHODS = List.of("client_secret_basic",
			"client_secret_post", "private_key_jwt", "none");

	/**
	 * The client authentication methods of the introspection and revocation endpoints
	 * (public clients have none).
	 */
	public static final List<String> CLIENT_AUTHENTICATION_METHODS = List.of("client_secret_basic",
			"client_secret_post", "private_key_jwt");

	/**
	 * Grant types the server lists by default that no Concord client can be registered
	 * for.
	 */
	public static final List<String> UNSUPPORTED_GRANT_TYPES = List
		.of("urn:ietf:params:oauth:grant-type:token-exchange", "urn:ietf:params:oauth:grant-type:device_code");

	/**
	 * Extension grants of the token endpoint, listed in both documents (the UMA grant,
	 * whose feature also adds it to the RFC 8414 document).
	 */
	public static final List<String> EXTENSION_GRANT_TYPES = List.of("urn:ietf:params:oauth:grant-type:uma-ticket");

	/**
	 * Metadata members dropped: mutual TLS is not offered, and the device flow has no
	 * clients.
	 */
	public static final List<String> UNSUPPORTED_MEMBERS = List.of("tls_client_certificate_bound_access_tokens",
			"device_authorization_endpoint");

	private OAuthDiscovery() {
	}

	/** Applies the above to a metadata document's claims, in place. */
	public static void restrict(Map<String, Object> claims) {
		claims.put("token_endpoint_auth_methods_supported", new ArrayList<>(TOKEN_ENDPOINT_AUTHENTICATION_METHODS));
		claims.put("introspection_endpoint_auth_methods_supported", new ArrayList<>(CLIENT_AUTHENTICATION_METHODS));
		claims.put("revocation_endpoint_auth_methods_supported", new ArrayList<>(CLIENT_AUTHENTICATION_METHODS));
		if (claims.get("grant_types_supported") instanceof List<?> grants) {
			List<Object> supported = new ArrayList<>(grants);
			supported.removeAll(UNSUPPORTED_GRANT_TYPES);
			EXTENSION_GRANT_TYPES.stream().filter((grant) -> !supported.contains(grant)).forEach(supported::add);
			claims.put("grant_types_supported", supported);
		}
		UNSUPPORTED_MEMBERS.forEach(claims::remove);
	}

}
