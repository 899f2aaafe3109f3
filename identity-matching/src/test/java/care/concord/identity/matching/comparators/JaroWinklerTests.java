package care.concord.identity.matching.comparators;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class JaroWinklerTests {

	@Test
	void similarityWhenWinklerPaperExamplesThenPublishedValues() {
		assertThat(JaroWinkler.similarity("martha", "marhta")).isCloseTo(0.961, within(0.001));
		assertThat(JaroWinkler.similarity("dwayne", "duane")).isCloseTo(0.840, within(0.001));
		assertThat(JaroWinkler.similarity("dixon", "dicksonx")).isCloseTo(0.813, within(0.001));
	}

	@Test
	void similarityWhenNullOrDisjointThenZero() {
		assertThat(JaroWinkler.similarity(null, "a")).isZero();
		assertThat(JaroWinkler.similarity("abc", "xyz")).isZero();
		assertThat(JaroWinkler.similarity("", "")).isEqualTo(1);
	}

	@Test
	void similarityWhenLongerThanSixtyFourCharactersThenSameAlgorithm() {
		String a = "x".repeat(70) + "martha";
		String b = "x".repeat(70) + "marhta";
		// 76 characters, 76 matches, one transposition: Jaro = (1 + 1 + 75/76) / 3
		assertThat(JaroWinkler.jaro(a, b)).isCloseTo((2 + 75.0 / 76) / 3, within(1e-12));
	}

	@Property
	void similarityWhenAnyStringsThenSymmetricAndInUnitInterval(@ForAll @AlphaChars @StringLength(max = 12) String a,
			@ForAll @AlphaChars @StringLength(max = 12) String b) {
		double s = JaroWinkler.similarity(a, b);
		assertThat(s).isBetween(0.0, 1.0);
		assertThat(JaroWinkler.similarity(b, a)).isCloseTo(s, within(1e-12));
	}

}
