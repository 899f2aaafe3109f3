package care.concord.server.consent.proxy;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.consent.ConsentActorResolver;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Proxies: the citizen names, lists and withdraws the accounts that may manage their
 * consent ({@code /api/me/proxies}); a proxy lists the citizens who named them
 * ({@code GET /api/citizens}) and then acts through {@code /api/citizens/{nhs}/...}.
 */
@RestController
public class ProxyController {

	private final ProxyService proxies;

	private final ConsentActorResolver actors;

	public ProxyController(ProxyService proxies, ConsentActorResolver actors) {
		this.proxies = proxies;
		this.actors = actors;
	}

	@GetMapping("/api/me/proxies")
	List<ProxyView> list(@AuthenticationPrincipal Jwt token) {
		return this.proxies.proxies(this.actors.self(token)).stream().map(ProxyView::of).toList();
	}

	@PostMapping("/api/me/proxies")
	ResponseEntity<ProxyView> name(@AuthenticationPrincipal Jwt token, @RequestBody ProxyInput input) {
		ProxyGrant grant = this.proxies.name(this.actors.self(token), input.username());
		return ResponseEntity.created(URI.create("/api/me/proxies/" + grant.proxyUsername())).body(ProxyView.of(grant));
	}

	@DeleteMapping("/api/me/proxies/{username}")
	ResponseEntity<Void> withdraw(@AuthenticationPrincipal Jwt token, @PathVariable String username) {
		this.proxies.withdraw(this.actors.self(token), username);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/api/citizens")
	List<RepresentedView> represented(@AuthenticationPrincipal Jwt token) {
		return this.proxies.represented(token.getSubject()).stream().map(RepresentedView::of).toList();
	}

	/**
	 * Request body naming a proxy: {@code {"username": "carer-jo"}}.
	 *
	 * @param username the proxy's account
	 */
	public record ProxyInput(String username) {
	}

	/**
	 * A proxy the citizen named.
	 *
	 * @param username the proxy's account
	 * @param createdAt when the citizen named them
	 */
	public record ProxyView(String username, @JsonProperty("created_at") Instant createdAt) {

		static ProxyView of(ProxyGrant grant) {
			return new ProxyView(grant.proxyUsername(), grant.createdAt());
		}

	}

	/**
	 * A citizen who named the signed-in person as their proxy.
	 *
	 * @param nhsNumber the citizen's NHS number, for {@code /api/citizens/{nhs}/...}
	 * @param username the citizen's username
	 * @param since when they named the proxy
	 */
	public record RepresentedView(@JsonProperty("nhs_number") String nhsNumber, String username, Instant since) {

		static RepresentedView of(ProxyGrant grant) {
			return new RepresentedView(grant.subject().value(), grant.citizenUsername(), grant.createdAt());
		}

	}

}
