package care.concord.server.source;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.audit.AuditActors;
import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentActorResolver;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Personal apps over HTTP. Administrators: {@code POST /api/admin/personal-apps}
 * registers one, {@code GET /api/admin/personal-apps} lists them, {@code POST
 * /api/admin/personal-apps/{id}/disable|enable}. Citizens: {@code GET /api/me/sources}
 * lists the apps they connected, {@code DELETE /api/me/sources/{id}} disconnects one (the
 * citizen's own token only: a proxy does not connect or disconnect apps).
 */
@RestController
public class PersonalAppController {

	private final PersonalApps apps;

	private final ConsentActorResolver actors;

	public PersonalAppController(PersonalApps apps, ConsentActorResolver actors) {
		this.apps = apps;
		this.actors = actors;
	}

	@PostMapping("/api/admin/personal-apps")
	ResponseEntity<PersonalAppView> register(@RequestBody Registration registration, Authentication authentication) {
		PersonalApp app = this.apps.register(AuditActors.from(authentication), registration.name(),
				registration.redirectUris(), registration.categories());
		return ResponseEntity.status(HttpStatus.CREATED).body(PersonalAppView.of(app));
	}

	@GetMapping("/api/admin/personal-apps")
	List<PersonalAppView> list() {
		return this.apps.list().stream().map(PersonalAppView::of).toList();
	}

	@PostMapping("/api/admin/personal-apps/{clientId}/disable")
	PersonalAppView disable(@PathVariable String clientId, Authentication authentication) {
		return setEnabled(clientId, false, authentication);
	}

	@PostMapping("/api/admin/personal-apps/{clientId}/enable")
	PersonalAppView enable(@PathVariable String clientId, Authentication authentication) {
		return setEnabled(clientId, true, authentication);
	}

	@GetMapping("/api/me/sources")
	Sources sources(@AuthenticationPrincipal Jwt token) {
		ConsentActor actor = this.actors.self(token);
		return new Sources(this.apps.connected(token.getSubject(), actor.subject()));
	}

	@DeleteMapping("/api/me/sources/{clientId}")
	Disconnected disconnect(@AuthenticationPrincipal Jwt token, @PathVariable String clientId) {
		ConsentActor actor = this.actors.self(token);
		return new Disconnected(clientId,
				this.apps.disconnect(actor.auditActor(), token.getSubject(), actor.subject(), clientId));
	}

	private PersonalAppView setEnabled(String clientId, boolean enabled, Authentication authentication) {
		return PersonalAppView.of(this.apps.setEnabled(AuditActors.from(authentication), clientId, enabled));
	}

	/**
	 * A personal app's registration.
	 *
	 * @param name the name citizens see
	 * @param redirectUris its redirect URIs (https, or http on localhost)
	 * @param categories the data categories it holds
	 */
	public record Registration(String name, @JsonProperty("redirect_uris") List<String> redirectUris,
			List<String> categories) {
	}

	/**
	 * A personal app as administrators see it.
	 *
	 * @param clientId its client id (a public client: no secret)
	 * @param name its name
	 * @param categories the categories it may hold
	 * @param enabled whether it is enabled
	 * @param createdAt when it was registered
	 */
	public record PersonalAppView(@JsonProperty("client_id") String clientId, String name, List<String> categories,
			boolean enabled, @JsonProperty("created_at") java.time.Instant createdAt) {

		static PersonalAppView of(PersonalApp app) {
			return new PersonalAppView(app.clientId(), app.name(), app.categoryCodes(), app.enabled(), app.createdAt());
		}

	}

	/**
	 * The citizen's connected apps.
	 *
	 * @param sources each connected app
	 */
	public record Sources(List<PersonalApps.ConnectedSource> sources) {
	}

	/**
	 * The answer to a disconnection.
	 *
	 * @param clientId the app
	 * @param pointersDeregistered how many pointers were removed
	 */
	public record Disconnected(@JsonProperty("client_id") String clientId,
			@JsonProperty("pointers_deregistered") int pointersDeregistered) {
	}

}
