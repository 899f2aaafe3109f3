package care.concord.server.people;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for people's accounts ({@code /api/admin/people}); role {@code admin} required.
 */
@RestController
@RequestMapping("/api/admin/people")
public class PeopleAdminController {

	private final PeopleService people;

	private final AuditLog audit;

	public PeopleAdminController(PeopleService people, AuditLog audit) {
		this.people = people;
		this.audit = audit;
	}

	/** An administrator sets a new password for a person (who forgot theirs); audited, never the password. */
	@PutMapping("/{username}/password")
	public PersonView resetPassword(@AuthenticationPrincipal Jwt token, @PathVariable String username,
			@Valid @RequestBody PasswordReset reset) {
		PersonView person = this.people.resetPassword(username, reset.password());
		this.audit.append(AuditEvent.builder(AuditEventType.ADMIN_ACTION, AuditActor.user(token.getSubject()))
			.outcome(AuditOutcome.PERMIT, "password-reset")
			.explanation("Administrator " + token.getSubject() + " set a new password for " + person.username())
			.detail("person", person.username())
			.build());
		return person;
	}

	@PostMapping
	public ResponseEntity<PersonView> create(@Valid @RequestBody PersonRegistration registration) {
		PersonView person = this.people.create(registration);
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

	@PutMapping("/{username}/roles")
	public PersonView setRoles(@PathVariable String username, @Valid @RequestBody RoleAssignment assignment) {
		return this.people.setRoles(username, assignment);
	}

	@PostMapping("/{username}/disable")
	public PersonView disable(@PathVariable String username) {
		return this.people.setEnabled(username, false);
	}

	@PostMapping("/{username}/enable")
	public PersonView enable(@PathVariable String username) {
		return this.people.setEnabled(username, true);
	}

}
