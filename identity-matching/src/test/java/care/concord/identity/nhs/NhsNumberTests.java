package care.concord.identity.nhs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NhsNumberTests {

	@Test
	void parseWhenSpacedThenNormalisedToTenDigits() {
		assertThat(NhsNumber.parse("943 476 5919").value()).isEqualTo("9434765919");
		assertThat(NhsNumber.parse("943-476-5919").formatted()).isEqualTo("943 476 5919");
	}

	@Test
	void parseWhenCheckDigitWrongThenRejectedNamingModulus11() {
		assertThatThrownBy(() -> NhsNumber.parse("9434765918")).isInstanceOf(NhsNumber.InvalidNhsNumberException.class)
			.hasMessageContaining("Modulus 11");
	}

	@Test
	void parseWhenPlaceholderThenRejected() {
		assertThatThrownBy(() -> NhsNumber.parse("0000000000")).hasMessageContaining("placeholder");
		assertThat(NhsNumber.isValid("0123456789")).isFalse();
	}

	@Test
	void parseWhenWrongLengthOrLettersThenRejected() {
		assertThatThrownBy(() -> NhsNumber.parse("94347659")).hasMessageContaining("10 digits");
		assertThatThrownBy(() -> NhsNumber.parse("94347659AB")).hasMessageContaining("only digits");
		assertThat(NhsNumber.isValid(null)).isFalse();
	}

	@Test
	void checkDigitWhenRemainderGivesTenThenMinusOne() {
		// some nine-digit prefixes have remainder 1, i.e. check digit 10: no NHS number
		// starts with them
		int found = -2;
		for (int i = 0; i < 1000 && found != -1; i++) {
			found = NhsNumber.checkDigit(String.format("%09d", i));
		}
		assertThat(found).isEqualTo(-1);
	}

}
