package care.concord.server.people;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.oauth.PersonClaims;
import care.concord.server.oauth.PersonDirectory;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.AlreadyExistsException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.StateConflictException;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates and administers people's accounts. A citizen is always bound to a valid NHS
 * number (one account per NHS number); other roles carry none.
 */
@Transactional
public class PeopleService implements PersonDirectory {

	private final PersonRepository people;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	public PeopleService(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock) {
		this.people = people;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
	}

	public PersonView create(PersonRegistration registration) {
		if (this.people.existsById(registration.username())) {
			throw new AlreadyExistsException("person " + registration.username() + " already exists");
		}
		Set<String> roles = roles(registration.roles());
		String nhsNumber = nhsNumber(roles, registration.nhsNumber(), null);
		Person person = new Person(registration.username(), this.passwordEncoder.encode(registration.password()),
				registration.displayName(), nhsNumber, roles, this.clock.instant());
		return PersonView.of(this.people.save(person));
	}

	@Transactional(readOnly = true)
	public List<PersonView> list() {
		return this.people.findAllByOrderByUsernameAsc().stream().map(PersonView::of).toList();
	}

	@Transactional(readOnly = true)
	public PersonView get(String username) {
		return PersonView.of(person(username));
	}

	public PersonView setRoles(String username, RoleAssignment assignment) {
		Person person = person(username);
		Set<String> roles = roles(assignment.roles());
		if (!roles.contains(PersonRole.ADMIN.code())) {
			keepAnEnabledAdmin(person, "remove the admin role from");
		}
		person.setRoles(roles, nhsNumber(roles, assignment.nhsNumber(), username));
		return PersonView.of(this.people.save(person));
	}

	/** Sets a new password (an administrator's reset), hashed like any other. */
	public PersonView resetPassword(String username, String password) {
		Person person = person(username);
		person.setPasswordHash(this.passwordEncoder.encode(password));
		return PersonView.of(this.people.save(person));
	}

	public PersonView setEnabled(String username, boolean enabled) {
		Person person = person(username);
		if (!enabled) {
			keepAnEnabledAdmin(person, "disable");
		}
		person.setEnabled(enabled);
		return PersonView.of(this.people.save(person));
	}

	/** True when at least one enabled account holds role {@code admin}. */
	@Transactional(readOnly = true)
	public boolean hasEnabledAdmin() {
		return this.people.existsEnabledWithRole(PersonRole.ADMIN.code());
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<PersonClaims> findEnabled(String username) {
		return this.people.findById(username)
			.filter(Person::isEnabled)
			.map((person) -> new PersonClaims(person.getRoles().stream().sorted().toList(), person.getNhsNumber(),
					person.getDisplayName()));
	}

	/**
	 * Refuses (409) a change that would leave no enabled administrator: the enabled
	 * admins are locked first, so two administrators demoting each other at once cannot
	 * both succeed.
	 */
	private void keepAnEnabledAdmin(Person person, String change) {
		if (!person.isEnabled() || !person.getRoles().contains(PersonRole.ADMIN.code())) {
			return;
		}
		boolean another = this.people.lockEnabledWithRole(PersonRole.ADMIN.code())
			.stream()
			.anyMatch((admin) -> !admin.getUsername().equals(person.getUsername()));
		if (!another) {
			throw new StateConflictException("cannot " + change + " the last enabled administrator "
					+ person.getUsername() + "; give another account the admin role first");
		}
	}

	private Person person(String username) {
		return this.people.findById(username).orElseThrow(() -> new NotFoundException("person " + username));
	}

	private static Set<String> roles(List<String> codes) {
		Set<String> roles = new LinkedHashSet<>();
		for (String code : codes) {
			roles.add(PersonRole.fromCode(code).code());
		}
		return roles;
	}

	private String nhsNumber(Set<String> roles, String input, String username) {
		boolean citizen = roles.contains(PersonRole.CITIZEN.code());
		if (!citizen) {
			if (input != null && !input.isBlank()) {
				throw new InvalidRequestException("nhs_number", "only a citizen account carries an NHS number");
			}
			return null;
		}
		if (input == null || input.isBlank()) {
			throw new InvalidRequestException("nhs_number", "a citizen account requires an NHS number");
		}
		String digits;
		try {
			digits = NhsNumber.parse(input).value();
		}
		catch (NhsNumber.InvalidNhsNumberException ex) {
			throw new InvalidRequestException("nhs_number", ex.getMessage());
		}
		this.people.findByNhsNumber(digits)
			.filter((other) -> !other.getUsername().equals(username))
			.ifPresent((other) -> {
				throw new AlreadyExistsException("another account is already bound to this NHS number");
			});
		return digits;
	}

}
