package care.concord.identity.demographics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostcodesTests {

	@Test
	void normaliseWhenUkPostcodeInAnyFormThenUpperCaseWithOneSpace() {
		assertThat(Postcodes.normalise("sw1a1aa")).isEqualTo("SW1A 1AA");
		assertThat(Postcodes.normalise(" ls6  2ab ")).isEqualTo("LS6 2AB");
		assertThat(Postcodes.normalise("M1 1AE")).isEqualTo("M1 1AE");
		assertThat(Postcodes.normalise("EC1A-1BB")).isEqualTo("EC1A 1BB");
	}

	@Test
	void normaliseWhenNumericPostcodeThenKeptAsDigits() {
		assertThat(Postcodes.normalise("4011")).isEqualTo("4011");
		assertThat(Postcodes.district("4011")).isEqualTo("401");
	}

	@Test
	void normaliseWhenBlankThenNullAndWhenPunctuationThenRejected() {
		assertThat(Postcodes.normalise("  ")).isNull();
		assertThatThrownBy(() -> Postcodes.normalise("SW1A;1AA")).isInstanceOf(InvalidFieldException.class)
			.hasMessageContaining("postcode");
		assertThatThrownBy(() -> Postcodes.normalise("ABCDEFGHIJKLMNOP")).hasMessageContaining("too long");
	}

	@Test
	void districtWhenUkPostcodeThenOutwardCode() {
		assertThat(Postcodes.district("SW1A 1AA")).isEqualTo("SW1A");
		assertThat(Postcodes.district(null)).isNull();
	}

}
