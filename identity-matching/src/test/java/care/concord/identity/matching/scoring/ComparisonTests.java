package care.concord.identity.matching.scoring;

import org.junit.jupiter.api.Test;

import care.concord.identity.demographics.StandardisedPerson;

import static care.concord.identity.TestPeople.margaret;
import static care.concord.identity.TestPeople.standardise;
import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTests {

	private final StandardisedPerson base = standardise(margaret("a"));

	private String level(Comparison c, StandardisedPerson other) {
		int l = c.compare(this.base, other);
		return (l == Comparison.MISSING) ? "MISSING" : c.levels().get(l);
	}

	@Test
	void compareWhenGivenNameVariantsThenGradedLevels() {
		assertThat(level(Comparison.GIVEN_NAME, standardise(margaret("b")))).isEqualTo("EXACT");
		assertThat(level(Comparison.GIVEN_NAME, standardise(margaret("b").givenName("Peggy")))).isEqualTo("NICKNAME");
		assertThat(level(Comparison.GIVEN_NAME, standardise(margaret("b").givenName("Margret")))).isEqualTo("JW_0_92");
		assertThat(
				level(Comparison.GIVEN_NAME, standardise(margaret("b").givenName("Thornton").familyName("Margaret"))))
			.isEqualTo("SWAPPED");
		assertThat(level(Comparison.GIVEN_NAME, standardise(margaret("b").givenName("Zoe")))).isEqualTo("ELSE");
		assertThat(level(Comparison.GIVEN_NAME, standardise(margaret("b").givenName(null)))).isEqualTo("MISSING");
	}

	@Test
	void compareWhenFamilyNameHasOneEditOrSecondPartThenCloseLevel() {
		assertThat(level(Comparison.FAMILY_NAME, standardise(margaret("b").familyName("Thonrton")))).isEqualTo("DL_1");
		assertThat(level(Comparison.FAMILY_NAME, standardise(margaret("b").familyName("Smith-Thornton"))))
			.isEqualTo("JW_0_92");
	}

	@Test
	void compareWhenDateOfBirthSwappedThenSwapLevel() {
		assertThat(level(Comparison.DATE_OF_BIRTH, standardise(margaret("b").dateOfBirth("1948-06-21"))))
			.isEqualTo("EXACT");
		// 21 cannot be a month, so construct a swap that is a valid date both ways
		StandardisedPerson x = standardise(margaret("x").dateOfBirth("1948-06-11"));
		StandardisedPerson y = standardise(margaret("y").dateOfBirth("1948-11-06"));
		assertThat(Comparison.DATE_OF_BIRTH.levels().get(Comparison.DATE_OF_BIRTH.compare(x, y)))
			.isEqualTo("DAY_MONTH_SWAPPED");
	}

	@Test
	void compareWhenAddressPartsDifferSlightlyThenCloseLevels() {
		assertThat(level(Comparison.POSTCODE, standardise(margaret("b").postcode("LS6 2AD")))).isEqualTo("DL_1");
		assertThat(level(Comparison.POSTCODE, standardise(margaret("b").postcode("LS6 9ZZ")))).isEqualTo("DISTRICT");
		assertThat(level(Comparison.STREET, standardise(margaret("b").street("CardiganRoad")))).isEqualTo("EXACT");
		assertThat(level(Comparison.STREET_NUMBER, standardise(margaret("b").streetNumber("41")))).isEqualTo("DL_1");
		assertThat(level(Comparison.TOWN, standardise(margaret("b").town("Leds")))).isEqualTo("JW_0_88");
	}

	@Test
	void compareWhenSameRecordThenEveryComparisonExact() {
		for (Comparison c : Comparison.values()) {
			assertThat(c.compare(this.base, this.base)).as(c.name()).isZero();
		}
	}

}
