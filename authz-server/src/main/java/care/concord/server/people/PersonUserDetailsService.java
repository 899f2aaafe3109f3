package care.concord.server.people;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.transaction.annotation.Transactional;

/**
 * Form login against people's accounts. The principal is Spring Security's own {@link User} (authorities
 * {@code ROLE_<role>}), because the authorization store serialises it with an allow-listing mapper.
 */
public class PersonUserDetailsService implements UserDetailsService {

	private final PersonRepository people;

	public PersonUserDetailsService(PersonRepository people) {
		this.people = people;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		Person person = this.people.findById(username)
			.orElseThrow(() -> new UsernameNotFoundException("unknown user"));
		return User.withUsername(person.getUsername())
			.password(person.getPasswordHash())
			.disabled(!person.isEnabled())
			.authorities(person.getRoles().stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList())
			.build();
	}

}
