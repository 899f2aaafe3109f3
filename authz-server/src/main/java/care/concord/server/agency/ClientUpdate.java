package care.concord.server.agency;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Request body changing an agency's OAuth client after registration (names follow RFC
 * 7591 client metadata). The whole changeable part is given, as in an RFC 7592 update:
 * display name, grant types, scopes, redirect URIs and whether people must approve the
 * client. The client id and authentication method never change; a secret is changed only
 * by rotation, and keys are given at registration.
 *
 * @param clientName display name, shown to people on the consent page
 * @param grantTypes {@code client_credentials}, {@code authorization_code},
 * {@code refresh_token}
 * @param scopes scopes from {@link AgencyScope}
 * @param redirectUris redirect URIs for {@code authorization_code}, matched exactly
 * @param requireConsent whether people must approve this client's access (default true)
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7592#section-2.2">RFC 7592 section
 * 2.2</a>
 */
public record ClientUpdate(@JsonProperty("client_name") @NotBlank @Size(max = 200) String clientName,
		@JsonProperty("grant_types") @NotEmpty List<String> grantTypes, @NotEmpty List<String> scopes,
		@JsonProperty("redirect_uris") List<String> redirectUris,
		@JsonProperty("require_consent") Boolean requireConsent) {
}
