package care.concord.identity.nhs;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modulus 11 properties of NHS numbers: round trips, and detection of the errors people
 * make.
 */
class NhsNumberProperties {

	@Provide
	Arbitrary<String> validNumbers() {
		return Arbitraries.strings()
			.numeric()
			.ofLength(9)
			.filter(nine -> NhsNumber.checkDigit(nine) >= 0)
			.map(nine -> nine + NhsNumber.checkDigit(nine))
			.filter(NhsNumber::isValid);
	}

	@Property
	void parseWhenValidNumberWrittenInAnyFormThenSameNumber(@ForAll("validNumbers") String digits) {
		NhsNumber n = NhsNumber.parse(digits);
		String spaced = digits.substring(0, 3) + " " + digits.substring(3, 6) + " " + digits.substring(6);
		String dashed = spaced.replace(' ', '-');
		assertThat(NhsNumber.parse(spaced)).isEqualTo(n);
		assertThat(NhsNumber.parse(dashed)).isEqualTo(n);
		assertThat(NhsNumber.parse(n.formatted())).isEqualTo(n);
		assertThat(n.value()).isEqualTo(digits);
	}

	@Property
	void isValidWhenAnySingleDigitSubstitutedThenFalse(@ForAll("validNumbers") String digits,
			@ForAll @IntRange(min = 0, max = 9) int position, @ForAll @IntRange(min = 1, max = 9) int shift) {
		char replaced = (char) ('0' + (digits.charAt(position) - '0' + shift) % 10);
		String mutated = digits.substring(0, position) + replaced + digits.substring(position + 1);
		assertThat(NhsNumber.isValid(mutated)).as(mutated).isFalse();
	}

	@Property
	void isValidWhenAdjacentDistinctDigitsTransposedThenFalse(@ForAll("validNumbers") String digits,
			@ForAll @IntRange(min = 0, max = 8) int position) {
		char a = digits.charAt(position);
		char b = digits.charAt(position + 1);
		// transposing two equal digits yields the same number, which is (correctly) still
		// valid
		if (a == b) {
			return;
		}
		String mutated = digits.substring(0, position) + b + a + digits.substring(position + 2);
		assertThat(NhsNumber.isValid(mutated)).as(mutated).isFalse();
	}

	@Property
	void isValidWhenRepeatedDigitPlaceholderThenFalse(@ForAll @IntRange(min = 0, max = 9) int digit) {
		assertThat(NhsNumber.isValid(String.valueOf(digit).repeat(10))).isFalse();
	}

}
