package care.concord.server.identity;

import java.time.LocalDate;
import java.util.Map;

import care.concord.policy.request.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Validation and standardisation of a submitted record.
 */
class RecordSubmissionTests {

	static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

	private static RecordSubmission submission(String nhs, String dob, String addressLine, String street) {
		return new RecordSubmission("RX1-42", nhs, "Mr John", "O'Neill", dob, "male", "ls1 4ap", addressLine, null,
				street, "Headingley", null);
	}

	private static String field(Runnable action) {
		try {
			action.run();
		}
		catch (InvalidRequestException ex) {
			return ex.field();
		}
		throw new AssertionError("no problem raised");
	}

	@Test
	void toLocalRecordWhenValidThenStandardised() {
		LocalRecord record = submission("943 476 5919", "1970-01-31", "12 High Street", null).toLocalRecord("RX1",
				TODAY);

		assertThat(record.nhsNumber().value()).isEqualTo("9434765919");
		assertThat(record.demographics().givenName()).isEqualTo("john");
		assertThat(record.demographics().dateOfBirth()).isEqualTo("19700131");
		assertThat(record.demographics().postcode()).isEqualTo("LS1 4AP");
		assertThat(record.demographics().streetNumber()).isEqualTo("12");
		assertThat(record.orgCode()).isEqualTo("RX1");
		assertThat(record.localId()).isEqualTo("RX1-42");
	}

	@Test
	void toLocalRecordWhenDateOfBirthTodayThenAcceptedAndTomorrowRefused() {
		assertThat(submission(null, "2026-11-26", null, null).toLocalRecord("RX1", TODAY)).isNotNull();
		assertThat(field(() -> submission(null, "2026-11-27", null, null).toLocalRecord("RX1", TODAY)))
			.isEqualTo("date_of_birth");
		assertThat(submission(null, "1880-01-01", null, null).toLocalRecord("RX1", TODAY)).isNotNull();
		assertThat(field(() -> submission(null, "1879-12-31", null, null).toLocalRecord("RX1", TODAY)))
			.isEqualTo("date_of_birth");
	}

	@Test
	void toLocalRecordWhenNhsNumberInvalidThenProblemNamesIt() {
		for (String nhs : new String[] { "9434765918", "1111111111", "12345", "943476591X", "9".repeat(21) }) {
			assertThat(field(() -> submission(nhs, "1970-01-31", null, null).toLocalRecord("RX1", TODAY)))
				.isEqualTo("nhs_number");
		}
	}

	@Test
	void toLocalRecordWhenUnknownMemberThenProblemNamesIt() {
		RecordSubmission withCareData = new RecordSubmission("RX1-42", null, "John", "Smith", "1970-01-31", null, null,
				null, null, null, null, Map.of("allergies", "penicillin"));

		assertThat(field(() -> withCareData.toLocalRecord("RX1", TODAY))).isEqualTo("allergies");
	}

	@Test
	void toLocalRecordWhenNamesHaveNoLettersThenProblemNamesThem() {
		RecordSubmission noLetters = new RecordSubmission("RX1-42", null, "--", "Smith", "1970-01-31", null, null, null,
				null, null, null, null);

		assertThat(field(() -> noLetters.toLocalRecord("RX1", TODAY))).isEqualTo("given_name");
	}

	@Test
	void toLocalRecordWhenLocalIdHasSlashOrSpaceThenProblemNamesIt() {
		for (String local : new String[] { "a/b", " a", "a b", "-a" }) {
			RecordSubmission bad = new RecordSubmission(local, null, "John", "Smith", "1970-01-31", null, null, null,
					null, null, null, null);
			assertThat(field(() -> bad.toLocalRecord("RX1", TODAY))).isEqualTo("local_id");
		}
	}

	@Test
	void toLocalRecordWhenSexUnknownCodeThenProblemNamesIt() {
		RecordSubmission bad = new RecordSubmission("A1", null, "John", "Smith", "1970-01-31", "M", null, null, null,
				null, null, null);

		assertThat(field(() -> bad.toLocalRecord("RX1", TODAY))).isEqualTo("sex");
	}

	@Test
	void toLocalRecordWhenPostcodeHasSymbolsThenProblemNamesIt() {
		RecordSubmission bad = new RecordSubmission("A1", null, "John", "Smith", "1970-01-31", null, "LS1 <4AP>", null,
				null, null, null, null);

		assertThat(field(() -> bad.toLocalRecord("RX1", TODAY))).isEqualTo("postcode");
	}

}
