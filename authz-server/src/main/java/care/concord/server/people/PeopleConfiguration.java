package care.concord.server.people;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import care.concord.server.config.ConcordProperties;
import care.concord.server.config.SignInCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.Pbkdf2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wiring of the people feature: people's password encoder, the people service, the
 * login's user details and the bootstrap administrator. (Controllers are picked up by
 * component scanning; services are created here so their dependencies are visible in one
 * place.)
 */
@Configuration(proxyBeanMethods = false)
public class PeopleConfiguration {

	/**
	 * People's passwords: a slow, memory-hard hash (Argon2id by default,
	 * {@code concord.passwords.encoder}) through {@code DelegatingPasswordEncoder}, so
	 * stored hashes name their algorithm: hashes of another kind still verify and are
	 * re-hashed with the current one at the person's next login
	 * ({@link PersonUserDetailsService}). Client secrets never use this encoder.
	 */
	/**
	 * The sign-in page keeps the username of a failed attempt
	 * ({@link LoginPageController#failureHandler()}).
	 */
	@Bean
	SignInCustomizer signInPageFailures() {
		return (http) -> http.formLogin((form) -> form.failureHandler(LoginPageController.failureHandler()));
	}

	@Bean
	PasswordEncoder passwordEncoder(ConcordProperties properties) {
		Map<String, PasswordEncoder> encoders = new HashMap<>();
		// OWASP Password Storage Cheat Sheet: Argon2id, m = 19 MiB, t = 2, p = 1
		encoders.put("argon2", new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2));
		encoders.put("bcrypt", new BCryptPasswordEncoder(properties.passwords().bcryptStrength()));
		encoders.put("pbkdf2@SpringSecurity_v5_8", Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_8());
		return new DelegatingPasswordEncoder(properties.passwords().encoder(), encoders);
	}

	@Bean
	PersonRepository personRepository(JdbcOperations jdbc) {
		return new PersonRepository(jdbc);
	}

	@Bean
	PeopleService peopleService(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock) {
		return new PeopleService(people, passwordEncoder, clock);
	}

	@Bean
	PersonUserDetailsService userDetailsService(PersonRepository people) {
		return new PersonUserDetailsService(people);
	}

	@Bean
	BootstrapAdmin bootstrapAdmin(PeopleService people, ConcordProperties properties) {
		return new BootstrapAdmin(people, properties.bootstrapAdmin().username(),
				properties.bootstrapAdmin().password());
	}

}
