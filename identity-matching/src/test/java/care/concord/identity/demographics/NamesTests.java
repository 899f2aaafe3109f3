package care.concord.identity.demographics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTests {

	@Test
	void standardiseWhenCaseAndDiacriticsThenLowerAscii() {
		assertThat(Names.standardise("  ZOË ")).isEqualTo("zoe");
		assertThat(Names.standardise("Sinéad")).isEqualTo("sinead");
		assertThat(Names.standardise("Jørgen Straße")).isEqualTo("jorgen strasse");
	}

	@Test
	void standardiseWhenApostropheThenRemovedAndHyphenBecomesSpace() {
		assertThat(Names.standardise("O'Brien")).isEqualTo("obrien");
		assertThat(Names.standardise("Smith-Jones")).isEqualTo("smith jones");
		assertThat(Names.standardise("Mary  Jane,")).isEqualTo("mary jane");
	}

	@Test
	void standardiseWhenTitleLeadsThenDropped() {
		assertThat(Names.standardise("Dr. John Smith")).isEqualTo("john smith");
		assertThat(Names.standardise("Miss")).isEqualTo("miss");
	}

	@Test
	void standardiseWhenNothingLeftThenNull() {
		assertThat(Names.standardise(" - ")).isNull();
		assertThat(Names.standardise(null)).isNull();
	}

	@Test
	void firstTokenWhenSeveralNamesThenFirst() {
		assertThat(Names.firstToken("mary jane")).isEqualTo("mary");
		assertThat(Names.firstToken(null)).isNull();
	}

}
