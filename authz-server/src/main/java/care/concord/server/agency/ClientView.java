package care.concord.server.agency;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An agency client as the admin API shows it. {@code client_secret} appears once only: in
 * the answer to registration or secret rotation; Concord keeps only its digest.
 *
 * @param clientId the client id
 * @param agencyCode the owning agency
 * @param clientName the client's display name (shown to people on the consent page)
 * @param authMethod the client authentication method
 * @param grantTypes grant types
 * @param scopes scopes
 * @param redirectUris redirect URIs
 * @param jwksUri JWK Set URL, if any
 * @param inlineJwks true when an inline JWK Set is stored
 * @param requireConsent whether people must approve the client's access
 * @param enabled the client's own enabled flag
 * @param createdAt registration time
 * @param secretRotatedAt last secret rotation, if any
 * @param clientSecret the newly generated secret, only in registration and rotation
 * answers
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ClientView(@JsonProperty("client_id") String clientId, @JsonProperty("agency_code") String agencyCode,
		@JsonProperty("client_name") String clientName, @JsonProperty("token_endpoint_auth_method") String authMethod,
		@JsonProperty("grant_types") List<String> grantTypes, List<String> scopes,
		@JsonProperty("redirect_uris") List<String> redirectUris, @JsonProperty("jwks_uri") String jwksUri,
		@JsonProperty("inline_jwks") boolean inlineJwks, @JsonProperty("require_consent") boolean requireConsent,
		boolean enabled, @JsonProperty("created_at") Instant createdAt,
		@JsonProperty("secret_rotated_at") Instant secretRotatedAt,
		@JsonProperty("client_secret") String clientSecret) {

	ClientView withSecret(String secret) {
		return new ClientView(this.clientId, this.agencyCode, this.clientName, this.authMethod, this.grantTypes,
				this.scopes, this.redirectUris, this.jwksUri, this.inlineJwks, this.requireConsent, this.enabled,
				this.createdAt, this.secretRotatedAt, secret);
	}

}
