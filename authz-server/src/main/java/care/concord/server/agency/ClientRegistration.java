package care.concord.server.agency;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Request body registering an OAuth client for an agency (names follow RFC 7591 client
 * metadata).
 *
 * @param clientId optional client id; generated from the agency code when absent
 * @param authMethod {@code client_secret_basic} (default), {@code client_secret_post},
 * {@code private_key_jwt} or {@code none} (public client, authorization code with PKCE
 * only)
 * @param grantTypes {@code client_credentials} (default), {@code authorization_code},
 * {@code refresh_token}
 * @param scopes scopes from {@link AgencyScope}
 * @param redirectUris redirect URIs for {@code authorization_code}, matched exactly
 * @param jwksUri the client's JWK Set URL for {@code private_key_jwt}
 * @param jwks the client's public JWK Set, inline, for {@code private_key_jwt}
 * @param signingAlgorithm the client's assertion algorithm for {@code private_key_jwt}
 * (default RS256)
 * @param requireConsent whether people must approve this client's access (default true)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7591#section-2">RFC 7591 section 2</a>
 */
public record ClientRegistration(@JsonProperty("client_id") @Size(max = 100) String clientId,
		@JsonProperty("token_endpoint_auth_method") String authMethod,
		@JsonProperty("grant_types") List<String> grantTypes, @NotEmpty List<String> scopes,
		@JsonProperty("redirect_uris") List<String> redirectUris, @JsonProperty("jwks_uri") String jwksUri,
		Map<String, Object> jwks, @JsonProperty("token_endpoint_auth_signing_alg") String signingAlgorithm,
		@JsonProperty("require_consent") Boolean requireConsent) {
}
