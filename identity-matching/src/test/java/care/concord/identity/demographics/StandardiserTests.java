package care.concord.identity.demographics;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandardiserTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	private final Standardiser strict = new Standardiser(Standardiser.DateMode.STRICT, TODAY);

	private final Standardiser lenient = new Standardiser(Standardiser.DateMode.LENIENT, TODAY);

	@Test
	void standardiseWhenFullRecordThenEveryFieldNormalised() {
		PersonRecord r = PersonRecord.builder("L1")
			.givenName("Bill")
			.familyName("O'Neill")
			.dateOfBirth("12/03/1980")
			.postcode("sw1a1aa")
			.street("12 Downing St")
			.town("London")
			.identifier("943 476 5919")
			.build();
		StandardisedPerson p = this.strict.standardise(r);
		assertThat(p.givenName()).isEqualTo("bill");
		assertThat(p.givenCanonical()).isEqualTo("william");
		assertThat(p.familyName()).isEqualTo("oneill");
		assertThat(p.dateOfBirth()).isEqualTo("19800312");
		assertThat(p.postcode()).isEqualTo("SW1A 1AA");
		assertThat(p.streetNumber()).isEqualTo("12");
		assertThat(p.street()).isEqualTo("downing street");
		assertThat(p.identifier()).isEqualTo("9434765919");
		assertThat(p.birthYear()).isEqualTo("1980");
	}

	@Test
	void standardiseWhenImpossibleDateAndStrictThenRejected() {
		PersonRecord r = PersonRecord.builder("L1").dateOfBirth("19371233").build();
		assertThatThrownBy(() -> this.strict.standardise(r)).isInstanceOf(InvalidFieldException.class)
			.satisfies(ex -> assertThat(((InvalidFieldException) ex).field()).isEqualTo("date_of_birth"));
	}

	@Test
	void standardiseWhenImpossibleDateAndLenientThenDigitsKeptUnchecked() {
		StandardisedPerson p = this.lenient.standardise(PersonRecord.builder("L1").dateOfBirth("19371233").build());
		assertThat(p.dateOfBirth()).isEqualTo("19371233");
		assertThat(p.dateOfBirthChecked()).isFalse();
	}

	@Test
	void standardiseWhenAbsurdDateEvenLenientThenRejected() {
		assertThatThrownBy(() -> this.lenient.standardise(PersonRecord.builder("L1").dateOfBirth("3024-01-01").build()))
			.hasMessageContaining("date_of_birth");
		assertThatThrownBy(() -> this.lenient.standardise(PersonRecord.builder("L1").dateOfBirth("soon").build()))
			.hasMessageContaining("date_of_birth");
	}

	@Test
	void standardiseWhenFieldLongerThanCapThenRejectedNamingField() {
		PersonRecord r = PersonRecord.builder("L1").familyName("x".repeat(1001)).build();
		assertThatThrownBy(() -> this.strict.standardise(r))
			.hasMessage("family_name: value is 1001 characters long (limit 1000)");
	}

	@Test
	void constructorWhenIdMissingThenRejected() {
		assertThatThrownBy(() -> PersonRecord.builder(" ").build()).isInstanceOf(InvalidFieldException.class);
	}

}
