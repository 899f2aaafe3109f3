package care.concord.identity.matching.blocking;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;

import static org.assertj.core.api.Assertions.assertThat;

class BlockingRuleTests {

	private final Standardiser standardiser = new Standardiser(Standardiser.DateMode.STRICT, LocalDate.of(2026, 1, 1));

	private StandardisedPerson person(String given, String family, String dob, String postcode) {
		return this.standardiser.standardise(PersonRecord.builder("x")
			.givenName(given)
			.familyName(family)
			.dateOfBirth(dob)
			.postcode(postcode)
			.streetNumber("12")
			.street("High Street")
			.build());
	}

	@Test
	void keyWhenDayAndMonthSwappedThenSameDateKey() {
		assertThat(BlockingRule.DATE_OF_BIRTH.key(person("a", "b", "1980-03-12", null)))
			.isEqualTo(BlockingRule.DATE_OF_BIRTH.key(person("a", "b", "1980-12-03", null)))
			.isEqualTo("db:19800312");
	}

	@Test
	void keyWhenSurnameMisspeltThenSamePhoneticKey() {
		assertThat(BlockingRule.FAMILY_SOUNDEX_BIRTH_YEAR.key(person("ann", "Smith", "1980-03-12", null)))
			.isEqualTo(BlockingRule.FAMILY_SOUNDEX_BIRTH_YEAR.key(person("ann", "Smyth", "1980-01-01", null)))
			.isEqualTo("fy:S530|1980");
	}

	@Test
	void keyWhenNicknameThenSameGivenKey() {
		assertThat(BlockingRule.GIVEN_PREFIX_POSTCODE.key(person("Bill", "x", null, "LS6 2AB")))
			.isEqualTo(BlockingRule.GIVEN_PREFIX_POSTCODE.key(person("William", "y", null, "ls62ab")));
	}

	@Test
	void keyWhenFieldsMissingThenNull() {
		assertThat(BlockingRule.FAMILY_SOUNDEX_BIRTH_YEAR.key(person("a", null, "1980-03-12", null))).isNull();
		assertThat(BlockingRule.POSTCODE_STREET_NUMBER.key(person("a", "b", null, null))).isNull();
	}

	@Test
	void keysWhenSameRecordTwiceThenSameKeysBecausePure() {
		BlockingScheme scheme = BlockingScheme.standard(false);
		assertThat(scheme.keys(person("Ann", "Lee", "1980-03-12", "LS6 2AB")))
			.isEqualTo(scheme.keys(person("Ann", "Lee", "1980-03-12", "LS6 2AB")))
			.hasSize(scheme.rules().size())
			.allSatisfy(k -> assertThat(k).matches("[a-z]{2}:.+"));
	}

	@Test
	void standardWhenIdentifierNotAllowedThenNoIdentifierPass() {
		assertThat(BlockingScheme.standard(false).rules()).doesNotContain(BlockingRule.IDENTIFIER);
		assertThat(BlockingScheme.standard(true).rules()).contains(BlockingRule.IDENTIFIER);
	}

}
