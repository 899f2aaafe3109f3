package care.concord.identity.matching.comparators;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DamerauLevenshteinTests {

	@Test
	void distanceWhenAdjacentTranspositionThenOne() {
		assertThat(DamerauLevenshtein.distance("19371223", "19372123")).isEqualTo(1);
		assertThat(DamerauLevenshtein.distance("welelr", "weller")).isEqualTo(1);
	}

	@Test
	void distanceWhenClassicExamplesThenKnownValues() {
		assertThat(DamerauLevenshtein.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(DamerauLevenshtein.distance("", "abc")).isEqualTo(3);
		// optimal string alignment: "ca" -> "abc" is 3, not 2, because no substring is
		// edited twice
		assertThat(DamerauLevenshtein.distance("ca", "abc")).isEqualTo(3);
	}

	@Test
	void similarityWhenNullThenZeroAndWhenEqualThenOne() {
		assertThat(DamerauLevenshtein.similarity(null, "x")).isZero();
		assertThat(DamerauLevenshtein.similarity("abc", "abc")).isEqualTo(1);
		assertThat(DamerauLevenshtein.similarity("abcd", "abce")).isEqualTo(0.75);
	}

	@Test
	void isOneEditWhenTypicalTyposThenTrueAndOtherwiseFalse() {
		assertThat(DamerauLevenshtein.isOneEdit("weller", "welelr")).isTrue();
		assertThat(DamerauLevenshtein.isOneEdit("weller", "weler")).isTrue();
		assertThat(DamerauLevenshtein.isOneEdit("weller", "wellers")).isTrue();
		assertThat(DamerauLevenshtein.isOneEdit("weller", "waller")).isTrue();
		assertThat(DamerauLevenshtein.isOneEdit("weller", "weller")).isFalse();
		assertThat(DamerauLevenshtein.isOneEdit("weller", "wallar")).isFalse();
	}

	@Property
	void isOneEditWhenAnyStringsThenAgreesWithDistance(@ForAll @AlphaChars @StringLength(max = 6) String a,
			@ForAll @StringLength(max = 6) @net.jqwik.api.constraints.CharRange(from = 'a', to = 'c') String b) {
		assertThat(DamerauLevenshtein.isOneEdit(a, b)).isEqualTo(DamerauLevenshtein.distance(a, b) == 1);
		String mutated = a.isEmpty() ? "x" : a.substring(1);
		assertThat(DamerauLevenshtein.isOneEdit(a, mutated)).isEqualTo(DamerauLevenshtein.distance(a, mutated) == 1);
	}

	@Property
	void distanceWhenAnyStringsThenSymmetricAndBoundedByLongerLength(
			@ForAll @AlphaChars @StringLength(max = 10) String a,
			@ForAll @AlphaChars @StringLength(max = 10) String b) {
		int d = DamerauLevenshtein.distance(a, b);
		assertThat(DamerauLevenshtein.distance(b, a)).isEqualTo(d);
		assertThat(d).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
		assertThat(d == 0).isEqualTo(a.equals(b));
	}

}
