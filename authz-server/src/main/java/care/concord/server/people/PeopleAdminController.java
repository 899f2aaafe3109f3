package care.concord.server.people;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
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

	public PeopleAdminController(PeopleService people) {
		this.people = people;
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
