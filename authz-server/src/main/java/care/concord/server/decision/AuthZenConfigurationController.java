package care.concord.server.decision;

import java.util.LinkedHashMap;
import java.util.Map;

import care.concord.server.web.PublicDocuments;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * AuthZEN Policy Decision Point metadata (Authorization API 1.0 section 9), at
 * {@code /.well-known/authzen-configuration}: the PDP's identifier and the endpoints of
 * the Access Evaluation and Access Evaluations APIs. Concord has no search APIs, so none
 * is listed. Public, like the other discovery documents.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html#section-9">AuthZEN
 * section 9</a>
 */
@RestController
public class AuthZenConfigurationController {

	/** The metadata's path. */
	public static final String PATH = "/.well-known/authzen-configuration";

	private final AuthorizationServerSettings settings;

	public AuthZenConfigurationController(AuthorizationServerSettings settings) {
		this.settings = settings;
	}

	@GetMapping(path = PATH, produces = "application/json")
	ResponseEntity<Map<String, Object>> configuration() {
		String base = PublicDocuments.baseUrl(this.settings);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("policy_decision_point", base);
		metadata.put("access_evaluation_endpoint", base + AuthZenController.EVALUATION_PATH);
		metadata.put("access_evaluations_endpoint", base + AuthZenController.EVALUATIONS_PATH);
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
	}

}
