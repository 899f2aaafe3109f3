package care.concord.server.people;

import java.net.URI;
import java.util.List;
import java.util.Map;

import care.concord.server.audit.AdminActions;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for people's accounts ({@code /api/admin/people}); role {@code admin}
 * required.
 */
@RestController
@RequestMapping("/api/admin/people")
public class PeopleAdminController {

	private final PeopleService people;

	private final AdminActions audit;

	public PeopleAdminController(PeopleService people, AdminActions audit) {
		this.people = people;
		this.audit = audit;
	}

	@PostMapping
	public ResponseEntity<PersonView> create(@Valid @RequestBody PersonRegistration registration,
			Authentication admin) {
		PersonView person = this.audit.record(admin, "person-created", registration.username(),
				() -> this.people.create(registration), PeopleAdminController::changed);
		return ResponseEntity.created(URI.create("/api/admin/people/" + person.username())).body(person);
	}

	@GetMapping
	public List<PersonView> list() {
		return this.people.list();
	}

	@GetMapping("/{username}")
	public PersonView get(@PathVariable String username) {
		return this.people.get(username);
	}

	/**
	 * An administrator sets a new password for a person (who forgot theirs); audited,
	 * never the password.
	 */
	@PutMapping("/{username}/password")
	public PersonView resetPassword(@PathVariable String username, @Valid @RequestBody PasswordReset reset,
			Authentication admin) {
		return this.audit.record(admin, "password-reset", username,
				() -> this.people.resetPassword(username, reset.password()), (person) -> java.util.Map.of());
	}

	@PutMapping("/{username}/roles")
	public PersonView setRoles(@PathVariable String username, @Valid @RequestBody RoleAssignment assignment,
			Authentication admin) {
		return this.audit.record(admin, "person-roles-changed", username,
				() -> this.people.setRoles(username, assignment), PeopleAdminController::changed);
	}

	@PostMapping("/{username}/disable")
	public PersonView disable(@PathVariable String username, Authentication admin) {
		return this.audit.record(admin, "person-disabled", username, () -> this.people.setEnabled(username, false),
				PeopleAdminController::changed);
	}

	@PostMapping("/{username}/enable")
	public PersonView enable(@PathVariable String username, Authentication admin) {
		return this.audit.record(admin, "person-enabled", username, () -> this.people.setEnabled(username, true),
				PeopleAdminController::changed);
	}

	private static Map<String, String> changed(PersonView person) {
		return Map.of("roles", String.join(",", person.roles()), "enabled", String.valueOf(person.enabled()));
	}

}
