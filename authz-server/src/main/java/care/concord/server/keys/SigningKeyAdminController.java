package care.concord.server.keys;

import java.util.List;
import java.util.Map;

import care.concord.server.audit.AdminActions;
import care.concord.server.oauth.SigningKeyService;
import care.concord.server.oauth.SigningKeySummary;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for token signing keys ({@code /api/admin/keys}); role {@code admin}
 * required. Shows key ids, algorithms and states, never key material.
 */
@RestController
@RequestMapping("/api/admin/keys")
public class SigningKeyAdminController {

	private final SigningKeyService keys;

	private final AdminActions audit;

	public SigningKeyAdminController(SigningKeyService keys, AdminActions audit) {
		this.keys = keys;
		this.audit = audit;
	}

	@GetMapping
	public List<SigningKeySummary> list() {
		return this.keys.keys();
	}

	/**
	 * Generates a new signing key; the previous one is retired but stays published for
	 * verification.
	 */
	@PostMapping("/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	public SigningKeySummary rotate(Authentication admin) {
		return this.audit.record(admin, "signing-key-rotated", "signing-keys", this.keys::rotate,
				(key) -> Map.of("kid", key.kid(), "algorithm", key.algorithm()));
	}

}
