package care.concord.server.uma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.server.oauth.OAuthDiscovery;
import care.concord.server.web.PublicDocuments;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * UMA discovery: {@code /.well-known/uma2-configuration}, the RFC 8414 metadata of
 * Concord's authorization server with the UMA members (UMA Grant section 2, FedAuthz
 * section 2), built from the same {@link AuthorizationServerSettings} as
 * {@code /.well-known/oauth-authorization-server}. Public.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.2">UMA
 * Grant section 2</a>
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.2">UMA
 * FedAuthz section 2</a>
 */
@RestController
public class UmaConfigurationController {

	/** The discovery document's path. */
	public static final String PATH = "/.well-known/uma2-configuration";

	/**
	 * The UMA profile Concord implements: resources are pointers to care data, consent
	 * decides (docs/uma.md).
	 */
	public static final String PROFILE = "https://concord.care/uma/profiles/care-record-pointers";

	private final AuthorizationServerSettings settings;

	public UmaConfigurationController(AuthorizationServerSettings settings) {
		this.settings = settings;
	}

	@GetMapping(PATH)
	ResponseEntity<Map<String, Object>> configuration() {
		String issuer = PublicDocuments.baseUrl(this.settings);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", issuer);
		// RFC 8414 section 2: required because the authorization_code grant is listed
		metadata.put("authorization_endpoint", issuer + this.settings.getAuthorizationEndpoint());
		metadata.put("token_endpoint", issuer + this.settings.getTokenEndpoint());
		metadata.put("introspection_endpoint", issuer + this.settings.getTokenIntrospectionEndpoint());
		metadata.put("revocation_endpoint", issuer + this.settings.getTokenRevocationEndpoint());
		metadata.put("jwks_uri", issuer + this.settings.getJwkSetEndpoint());
		metadata.put("resource_registration_endpoint", issuer + ResourceRegistrationController.RESOURCE_SET_PATH);
		metadata.put("permission_endpoint", issuer + ResourceRegistrationController.PERMISSION_PATH);
		metadata.put("grant_types_supported", list(UmaTicketGrantAuthenticationToken.UMA_TICKET.getValue(),
				"client_credentials", "authorization_code", "refresh_token"));
		metadata.put("token_endpoint_auth_methods_supported",
				new ArrayList<>(OAuthDiscovery.TOKEN_ENDPOINT_AUTHENTICATION_METHODS));
		metadata.put("introspection_endpoint_auth_methods_supported",
				new ArrayList<>(OAuthDiscovery.CLIENT_AUTHENTICATION_METHODS));
		metadata.put("revocation_endpoint_auth_methods_supported",
				new ArrayList<>(OAuthDiscovery.CLIENT_AUTHENTICATION_METHODS));
		metadata.put("scopes_supported", list("uma_protection", "uma_authorization", "decision", "record_location",
				"identity", "openid", "profile"));
		metadata.put("response_types_supported", list("code"));
		metadata.put("uma_profiles_supported", list(PROFILE));
		metadata.put("claim_token_profiles_supported", new ArrayList<>(ClaimTokenVerifier.FORMATS));
		metadata.put("claim_token_formats_supported", new ArrayList<>(ClaimTokenVerifier.FORMATS));
		metadata.put("pct_profiles_supported", list());
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
	}

	private static List<String> list(String... values) {
		return new ArrayList<>(List.of(values));
	}

}
