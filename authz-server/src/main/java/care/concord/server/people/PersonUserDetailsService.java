package care.concord.server.people;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Form login against people's accounts. The principal is Spring Security's own
 * {@link User} (authorities {@code ROLE_<role>}), because the authorization store
 * serialises it with an allow-listing mapper.
 *
 * <p>
 * As a {@link UserDetailsPasswordService} it stores the re-hashed password Spring
 * Security hands it after a successful login whose stored hash is of an older kind
 * (bcrypt before Argon2id became the default).
 */
public class PersonUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

	private final PersonRepository people;

	public PersonUserDetailsService(PersonRepository people) {
		this.people = people;
	}

	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		Person person = this.people.findById(user.getUsername())
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		person.upgradePasswordHash(newPassword);
		this.people.save(person);
		return User.withUserDetails(user).password(newPassword).build();
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Person person = this.people.findById(username).orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return User.withUsername(person.getUsername())
			.password(person.getPasswordHash())
			.disabled(!person.isEnabled())
			.authorities(person.getRoles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
			.build();
	}

}
