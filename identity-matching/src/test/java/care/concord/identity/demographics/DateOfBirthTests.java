package care.concord.identity.demographics;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateOfBirthTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	@ParameterizedTest
	@ValueSource(strings = { "19800312", "1980-03-12", "1980/3/12", "12/03/1980", "12-03-1980", "12.3.1980",
			"12 Mar 1980", "12 March 1980" })
	void parseWhenAcceptedLayoutThenSameDate(String text) {
		assertThat(DateOfBirth.parse(text, TODAY)).isEqualTo(new DateOfBirth(1980, 3, 12));
	}

	@Test
	void parseWhenImpossibleCalendarDateThenRejectedNamingTheDate() {
		assertThatThrownBy(() -> DateOfBirth.parse("19371233", TODAY)).isInstanceOf(InvalidFieldException.class)
			.hasMessage("date_of_birth: 1937-12-33 is not a calendar date");
		assertThatThrownBy(() -> DateOfBirth.parse("31/02/1990", TODAY)).hasMessageContaining("not a calendar date");
	}

	@Test
	void parseWhenFutureOrAncientOrGarbageThenRejected() {
		assertThatThrownBy(() -> DateOfBirth.parse("2090-01-01", TODAY)).hasMessageContaining("future");
		assertThatThrownBy(() -> DateOfBirth.parse("1066-10-14", TODAY)).hasMessageContaining("before 1870");
		assertThatThrownBy(() -> DateOfBirth.parse("yesterday", TODAY)).hasMessageContaining("is not a date");
		assertThatThrownBy(() -> DateOfBirth.parse("", TODAY)).hasMessageContaining("missing");
	}

	@Test
	void fieldsWhenImpossibleButInLayoutThenDigitsKept() {
		assertThat(DateOfBirth.fields("19371233")).containsExactly(1937, 12, 33);
		assertThat(DateOfBirth.fields("banana")).isNull();
	}

	@Test
	void toDigitsWhenDateThenYyyymmdd() {
		assertThat(new DateOfBirth(1905, 1, 2).toDigits()).isEqualTo("19050102");
		assertThat(new DateOfBirth(1905, 1, 2).toIso()).isEqualTo("1905-01-02");
	}

}
