package care.concord.identity.matching.phonetic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SoundexTests {

	@Test
	void encodeWhenCensusExamplesThenPublishedCodes() {
		assertThat(Soundex.encode("Robert")).isEqualTo("R163");
		assertThat(Soundex.encode("Rupert")).isEqualTo("R163");
		assertThat(Soundex.encode("Ashcraft")).isEqualTo("A261");
		assertThat(Soundex.encode("Tymczak")).isEqualTo("T522");
		assertThat(Soundex.encode("Pfister")).isEqualTo("P236");
		assertThat(Soundex.encode("Lee")).isEqualTo("L000");
	}

	@Test
	void encodeWhenNoLettersThenNull() {
		assertThat(Soundex.encode("123")).isNull();
		assertThat(Soundex.encode(null)).isNull();
	}

}
