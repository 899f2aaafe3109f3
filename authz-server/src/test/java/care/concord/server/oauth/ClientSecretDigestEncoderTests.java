package care.concord.server.oauth;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientSecretDigestEncoderTests {

	private final ClientSecretDigestEncoder encoder = new ClientSecretDigestEncoder();

	@Test
	void encodeWhenSecretThenSha256HexWithPrefix() {
		// SHA-256("abc") from FIPS 180-2 appendix B.1
		assertThat(this.encoder.encode("abc"))
			.isEqualTo("{sha256}ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	}

	@Test
	void matchesWhenWrongOrMalformedThenFalse() {
		String stored = this.encoder.encode("right");
		assertThat(this.encoder.matches("right", stored)).isTrue();
		assertThat(this.encoder.matches("wrong", stored)).isFalse();
		assertThat(this.encoder.matches("right", "right")).isFalse();
		assertThat(this.encoder.matches("right", "{sha256}zz")).isFalse();
		assertThat(this.encoder.matches("right", "{bcrypt}$2a$10$abc")).isFalse();
		assertThat(this.encoder.matches(null, stored)).isFalse();
		assertThat(this.encoder.matches("right", null)).isFalse();
	}

	@Test
	void generateWhenCalledThen256BitBase64UrlSecrets() {
		ClientSecretGenerator generator = new ClientSecretGenerator();
		String secret = generator.generate();
		assertThat(secret).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(generator.generate()).isNotEqualTo(secret);
	}

	@Property
	void matchesWhenEncodedThenOnlyTheSameSecretMatches(@ForAll String secret, @ForAll String other) {
		String stored = this.encoder.encode(secret);
		assertThat(this.encoder.matches(secret, stored)).isTrue();
		assertThat(stored).doesNotContain(secret.isEmpty() ? "\u0000" : secret.length() > 3 ? secret : "\u0000");
		assertThat(this.encoder.matches(other, stored)).isEqualTo(other.equals(secret));
	}

}
