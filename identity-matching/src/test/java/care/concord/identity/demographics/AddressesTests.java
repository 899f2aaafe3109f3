package care.concord.identity.demographics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTests {

	@Test
	void streetWhenTrailingAbbreviationThenSpeltOut() {
		assertThat(Addresses.street("High St.")).isEqualTo("high street");
		assertThat(Addresses.street("Station Rd")).isEqualTo("station road");
		assertThat(Addresses.street("St John's Avenue")).isEqualTo("st johns avenue");
	}

	@Test
	void streetNumberWhenLettersThenLowerCase() {
		assertThat(Addresses.streetNumber("12A")).isEqualTo("12a");
		assertThat(Addresses.streetNumber(" ")).isNull();
	}

	@Test
	void splitStreetNumberWhenLineStartsWithNumberThenSeparated() {
		assertThat(Addresses.splitStreetNumber("12a High St")).containsExactly("12a", "high street");
		assertThat(Addresses.splitStreetNumber("The Old Rectory")).containsExactly(null, "the old rectory");
	}

	@Test
	void localityWhenPunctuatedThenStandardised() {
		assertThat(Addresses.locality("Newcastle-upon-Tyne")).isEqualTo("newcastle upon tyne");
	}

}
