package care.concord.identity.matching.phonetic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NysiisTests {

	@Test
	void encodeWhenSpellingVariantsThenSameCode() {
		assertThat(Nysiis.encode("mackenzie")).isEqualTo(Nysiis.encode("mckenzie"));
		assertThat(Nysiis.encode("philips")).isEqualTo(Nysiis.encode("phillips"));
		assertThat(Nysiis.encode("brown")).isEqualTo(Nysiis.encode("browne"));
		assertThat(Nysiis.encode("knight")).isEqualTo(Nysiis.encode("night"));
	}

	@Test
	void encodeWhenDifferentNamesThenDifferentCodes() {
		assertThat(Nysiis.encode("smith")).isNotEqualTo(Nysiis.encode("jones"));
		assertThat(Nysiis.encode("jones")).isEqualTo("JAN");
	}

	@Test
	void encodeWhenNoLettersThenNull() {
		assertThat(Nysiis.encode("--")).isNull();
	}

}
