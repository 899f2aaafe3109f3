package care.concord.server.oauth;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for token signing keys ({@code /api/admin/keys}); role {@code admin} required. Shows key ids,
 * algorithms and states, never key material.
 */
@RestController
@RequestMapping("/api/admin/keys")
public class SigningKeyAdminController {

	private final SigningKeyService keys;

	public SigningKeyAdminController(SigningKeyService keys) {
		this.keys = keys;
	}

	@GetMapping
	public List<SigningKeySummary> list() {
		return this.keys.keys();
	}

	/** Generates a new signing key; the previous one is retired but stays published for verification. */
	@PostMapping("/rotate")
	@ResponseStatus(HttpStatus.CREATED)
	public SigningKeySummary rotate() {
		return this.keys.rotate();
	}

}
