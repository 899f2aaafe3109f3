package care.concord.server.people;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * People's passwords are hashed with Argon2id; a bcrypt hash from before still signs in
 * and is re-hashed with Argon2id at that login.
 */
@ConcordIntegrationTest
class PasswordHashingTests {

	@Autowired
	PasswordEncoder passwordEncoder;

	@Autowired
	PersonRepository people;

	@Autowired
	TestPeople testPeople;

	@Test
	void newPasswordsAreArgon2id() {
		String hash = this.passwordEncoder.encode("correct horse battery staple");
		assertThat(hash).startsWith("{argon2}$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.passwordEncoder.matches("correct horse battery staple", hash)).isTrue();
		assertThat(this.passwordEncoder.matches("Correct horse battery staple", hash)).isFalse();
	}

	@Test
	void bcryptHashSignsInAndIsRehashedWithArgon2idAtThatLogin() throws Exception {
		String username = "legacy-" + System.nanoTime();
		String bcrypt = "{bcrypt}" + new BCryptPasswordEncoder(4).encode("legacy-password-1");
		this.people.save(new Person(username, bcrypt, "Legacy User", null, Set.of("ig-officer"), Instant.now()));

		assertThatIllegalStateException().isThrownBy(() -> this.testPeople.login(username, "wrong-password"));
		assertThat(this.people.findById(username).orElseThrow().getPasswordHash()).isEqualTo(bcrypt);

		this.testPeople.login(username, "legacy-password-1");

		String upgraded = this.people.findById(username).orElseThrow().getPasswordHash();
		assertThat(upgraded).startsWith("{argon2}");
		assertThat(this.passwordEncoder.matches("legacy-password-1", upgraded)).isTrue();
		this.testPeople.login(username, "legacy-password-1");
		assertThat(List.of(this.people.findById(username).orElseThrow().getPasswordHash())).containsExactly(upgraded);
	}

}
