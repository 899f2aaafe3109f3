package care.concord.identity.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import care.concord.identity.TestPeople;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PersonCsvTests {

	@TempDir
	Path dir;

	private final Standardiser strict = new Standardiser(Standardiser.DateMode.STRICT, TestPeople.TODAY);

	private Path file(String content) throws IOException {
		Path f = this.dir.resolve("people.csv");
		Files.writeString(f, content);
		return f;
	}

	@Test
	void readWhenFebrlColumnsAndCommaSpaceSeparatorThenFieldsMapped() throws IOException {
		Path f = file("rec_id, given_name, surname, street_number, address_1, address_2, suburb, postcode, state, "
				+ "date_of_birth, soc_sec_id\nrec-1-org, sarah, bruhn, 44, forbes street, wintersloe, kellerberrin, "
				+ "4510, vic, 19300213, 7535316\nrec-2-org, , , , , , , , , , \n");
		List<StandardisedPerson> people = PersonCsv.read(f, false, this.strict);
		assertThat(people).hasSize(2);
		StandardisedPerson p = people.get(0);
		assertThat(p.id()).isEqualTo("rec-1-org");
		assertThat(p.familyName()).isEqualTo("bruhn");
		assertThat(p.street()).isEqualTo("forbes street");
		assertThat(p.locality()).isEqualTo("wintersloe");
		assertThat(p.town()).isEqualTo("kellerberrin");
		assertThat(p.postcode()).isEqualTo("4510");
		assertThat(p.dateOfBirth()).isEqualTo("19300213");
		assertThat(p.identifier()).as("identifier ignored without --use-identifier").isNull();
		assertThat(people.get(1).givenName()).isNull();
	}

	@Test
	void readWhenFriendlyColumnsAndQuotesThenFieldsMapped() throws IOException {
		Path f = file("local_id,nhs_number,given_name,family_name,date_of_birth,postcode,address\n"
				+ "L1,943 476 5919,\"Mary, Jane\",Smith,21/06/1948,ls62ab,\"14 Cardigan Rd\"\n");
		StandardisedPerson p = PersonCsv.read(f, true, this.strict).get(0);
		assertThat(p.givenName()).isEqualTo("mary jane");
		assertThat(p.identifier()).isEqualTo("9434765919");
		assertThat(p.postcode()).isEqualTo("LS6 2AB");
		assertThat(p.streetNumber()).isEqualTo("14");
		assertThat(p.street()).isEqualTo("cardigan road");
	}

	@Test
	void readWhenRowHasTooFewFieldsThenErrorNamesRow() throws IOException {
		Path f = file("rec_id, given_name, surname\nr1, a, b\nr2, a\n");
		assertThatThrownBy(() -> PersonCsv.read(f, false, this.strict)).isInstanceOf(CsvInputException.class)
			.hasMessageEndingWith("row 3: expected 3 fields as in the header, found 2");
	}

	@Test
	void readWhenIdColumnMissingThenErrorNamesColumn() throws IOException {
		Path f = file("given_name, surname\na, b\n");
		assertThatThrownBy(() -> PersonCsv.read(f, false, this.strict)).hasMessageContaining("missing id column");
	}

	@Test
	void readWhenAbsurdDateThenErrorNamesRowAndField() throws IOException {
		Path f = file("rec_id, surname, date_of_birth\nr1, lee, 19800101\nr2, lee, 3024-01-01\n");
		assertThatThrownBy(() -> PersonCsv.read(f, false, this.strict))
			.hasMessageEndingWith("row 3, field date_of_birth: 3024-01-01 is in the future");
	}

	@Test
	void readWhenHugeFieldThenErrorNamesRowAndField() throws IOException {
		Path f = file("rec_id, surname, given_name\nr1, " + "x".repeat(5000) + ", ann\n");
		assertThatThrownBy(() -> PersonCsv.read(f, false, this.strict))
			.hasMessageEndingWith("row 2, field surname: value is 5000 characters long (limit 1000)");
	}

	@Test
	void readWhenUnterminatedQuoteThenErrorNamesRow() throws IOException {
		Path f = file("rec_id, surname, given_name\nr1, \"lee, ann\n");
		assertThatThrownBy(() -> PersonCsv.read(f, false, this.strict)).hasMessageContaining("row 2")
			.hasMessageContaining("unterminated");
	}

	@Test
	void readWhenEmptyFileThenError() throws IOException {
		assertThatThrownBy(() -> PersonCsv.read(file(""), false, this.strict)).hasMessageContaining("empty");
	}

}
