package care.concord.server.federation;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

import care.concord.server.people.Person;
import care.concord.server.people.PersonRepository;
import care.concord.server.people.PersonRole;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.annotation.Transactional;

/**
 * The local accounts of people who sign in through upstream providers, made just in time
 * at their first sign-in and found again by (provider, subject) in
 * {@code federated_identity}.
 * <ul>
 * <li>A citizen at P9 is bound to the verified NHS number: the account already bound to
 * it (made by an administrator, or through another provider) is linked; otherwise a
 * citizen account {@code <provider>:<sub>} is made. An identity already linked to an
 * account with another NHS number, or an NHS number bound to a non-citizen account, is
 * refused: an NHS number is never bound to two accounts (the unique index on
 * {@code person} holds that under concurrency too).</li>
 * <li>Staff: the account {@code <provider>:<user id>}, its roles replaced at each sign-in
 * by those of the selected CIS2 role.</li>
 * </ul>
 * Federated accounts get a random password nobody knows, so they cannot sign in with the
 * form.
 */
@Transactional
public class FederatedAccounts {

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PersonRepository people;

	private final JdbcClient jdbc;

	private final PasswordEncoder passwords;

	private final Clock clock;

	public FederatedAccounts(PersonRepository people, JdbcClient jdbc, PasswordEncoder passwords, Clock clock) {
		this.people = people;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.clock = clock;
	}

	/**
	 * The username of the citizen account of a P9 identity, made or linked at the first
	 * sign-in.
	 */
	public String citizen(String provider, NhsLoginIdentity identity) {
		String digits = identity.nhsNumber().value();
		Optional<Person> linked = linked(provider, identity.subject());
		if (linked.isPresent()) {
			Person person = enabled(linked.get());
			if (!digits.equals(person.getNhsNumber())) {
				throw new FederatedSignInException(SignInRefusal.NHS_NUMBER_BOUND,
						"identity linked to an account with another NHS number");
			}
			touch(provider, identity.subject());
			return person.getUsername();
		}
		Optional<Person> bound = this.people.findByNhsNumber(digits);
		Person person;
		if (bound.isPresent()) {
			person = enabled(bound.get());
			if (!person.getRoles().contains(PersonRole.CITIZEN.code())) {
				throw new FederatedSignInException(SignInRefusal.NHS_NUMBER_BOUND, "bound to a non-citizen account");
			}
		}
		else {
			person = this.people.save(new Person(username(provider, identity.subject()), unusablePassword(),
					identity.displayName(), digits, Set.of(PersonRole.CITIZEN.code()), this.clock.instant()));
		}
		link(provider, identity.subject(), person.getUsername());
		return person.getUsername();
	}

	/** The username of a member of staff's account, with the given roles from now on. */
	public String staff(String provider, String userId, String displayName, Set<String> roles) {
		String username = linked(provider, userId).map(Person::getUsername).orElse(null);
		if (username == null) {
			Person person = this.people.save(new Person(username(provider, userId), unusablePassword(), displayName,
					null, roles, this.clock.instant()));
			link(provider, userId, person.getUsername());
			return person.getUsername();
		}
		Person person = enabled(this.people.findById(username).orElseThrow());
		person.assignUpstreamRoles(roles);
		this.people.save(person);
		touch(provider, userId);
		return username;
	}

	@Transactional(readOnly = true)
	public boolean exists(String provider, String subject) {
		return linked(provider, subject).isPresent();
	}

	static String username(String provider, String subject) {
		String username = provider + ":" + subject;
		if (username.length() > 100) {
			throw new FederatedSignInException(SignInRefusal.PROVIDER_ERROR, "subject too long");
		}
		return username;
	}

	private Optional<Person> linked(String provider, String subject) {
		return this.jdbc.sql("SELECT username FROM federated_identity WHERE provider = ? AND subject = ?")
			.params(provider, subject)
			.query(String.class)
			.optional()
			.flatMap(this.people::findById);
	}

	private void link(String provider, String subject, String username) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc
			.sql("INSERT INTO federated_identity (provider, subject, username, created_at, last_sign_in_at)"
					+ " VALUES (?, ?, ?, ?, ?)")
			.params(provider, subject, username, now, now)
			.update();
	}

	private void touch(String provider, String subject) {
		this.jdbc.sql("UPDATE federated_identity SET last_sign_in_at = ? WHERE provider = ? AND subject = ?")
			.params(Timestamp.from(this.clock.instant()), provider, subject)
			.update();
	}

	private static Person enabled(Person person) {
		if (!person.isEnabled()) {
			throw new FederatedSignInException(SignInRefusal.ACCOUNT_DISABLED, "account disabled");
		}
		return person;
	}

	private String unusablePassword() {
		byte[] secret = new byte[32];
		RANDOM.nextBytes(secret);
		return this.passwords.encode(Base64.getEncoder().encodeToString(secret));
	}

}
