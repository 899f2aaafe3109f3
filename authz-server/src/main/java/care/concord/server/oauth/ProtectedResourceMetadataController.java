package care.concord.server.oauth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.server.web.PublicDocuments;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * RFC 9728 protected resource metadata of Concord's APIs ({@code /api}, {@code /access},
 * {@code /uma}), where the {@code resource_metadata} parameter of their
 * {@code WWW-Authenticate: Bearer} challenges points: the resource is Concord itself, its
 * authorization server is Concord, and tokens go in the {@code Authorization} header.
 * Public.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9728#section-2">RFC 9728 section 2</a>
 */
@RestController
public class ProtectedResourceMetadataController {

	/**
	 * The metadata's path (RFC 9728 section 3, for a resource identifier without a path).
	 */
	public static final String PATH = "/.well-known/oauth-protected-resource";

	/** The scopes Concord's APIs are protected with. */
	public static final List<String> SCOPES = List.of("decision", "identity", "record_location", "uma_protection",
			"uma_authorization");

	private final AuthorizationServerSettings settings;

	public ProtectedResourceMetadataController(AuthorizationServerSettings settings) {
		this.settings = settings;
	}

	@GetMapping(path = PATH, produces = "application/json")
	ResponseEntity<Map<String, Object>> metadata() {
		String issuer = PublicDocuments.baseUrl(this.settings);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("resource", issuer);
		metadata.put("authorization_servers", List.of(issuer));
		metadata.put("scopes_supported", SCOPES);
		metadata.put("bearer_methods_supported", List.of("header"));
		metadata.put("resource_name", "Concord");
		metadata.put("resource_documentation", issuer + "/v3/api-docs");
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
	}

}
