package care.concord.server.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.matching.scoring.MatchModel;
import care.concord.identity.nhs.NhsNumber;
import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity service's matching rules over the shipped model, with persons stored in
 * H2.
 */
class LinkageEngineTests {

	private static HikariDataSource dataSource;

	private static final Instant NOW = Instant.parse("2026-11-26T01:00:00Z");

	private JdbcIdentityStore store;

	private final LinkageEngine engine = LinkageEngine.of(MatchModel.loadDefault(),
			new IdentityProperties(null, null, null, 1000, 5000, 100));

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("identity"), "sa", 2, "identity");
		TestDatabases.migrate(dataSource);
		new JdbcTemplate(dataSource).update("INSERT INTO agency (code, name, org_type, enabled, created_at, "
				+ "updated_at) VALUES ('ENG1', 'Engine test', 'gp', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	@BeforeEach
	void emptyStore() {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.update("DELETE FROM identity_blocking_key");
		jdbc.update("DELETE FROM identity_review");
		jdbc.update("DELETE FROM identity_record");
		jdbc.update("DELETE FROM identity_person");
		this.store = new JdbcIdentityStore(jdbc);
	}

	private static StandardisedPerson person(String given, String family, String dob, String postcode) {
		return Standardiser.strict()
			.standardise(PersonRecord.builder(UUID.randomUUID().toString())
				.givenName(given)
				.familyName(family)
				.dateOfBirth(dob)
				.postcode(postcode)
				.build());
	}

	private UUID stored(StandardisedPerson d, NhsNumber nhs) {
		UUID person = UUID.randomUUID();
		this.store.insertPerson(new IdentityPerson(person, nhs), NOW);
		this.store.insertRecord(new LinkedRecord(d.id(), "ENG1", "L" + d.id().substring(0, 8), person, null, nhs, d,
				LinkMethod.NEW_PERSON, null, null, NOW, NOW), this.engine.keys(d));
		return person;
	}

	@Test
	void evaluateWhenStoreEmptyThenNewPersonWithoutScore() {
		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store,
				person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null, null);

		assertThat(evaluation.outcome()).isEqualTo(LinkageEngine.Evaluation.Outcome.NEW_PERSON);
		assertThat(evaluation.score()).isNull();
	}

	@Test
	void evaluateWhenTypoInFamilyNameThenDemographicMatch() {
		UUID ann = stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null);

		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store,
				person("Ann", "Oaks", "1970-01-31", "LS1 4AP"), null, null);

		assertThat(evaluation.outcome()).isEqualTo(LinkageEngine.Evaluation.Outcome.DEMOGRAPHIC_MATCH);
		assertThat(evaluation.personId()).isEqualTo(ann);
		assertThat(evaluation.score()).isGreaterThanOrEqualTo(this.engine.model().matchThreshold());
	}

	@Test
	void evaluateWhenTwoPersonsMatchThenAmbiguousReview() {
		stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null);
		stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null);

		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store,
				person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null, null);

		assertThat(evaluation.outcome()).isEqualTo(LinkageEngine.Evaluation.Outcome.REVIEW);
		assertThat(evaluation.reviewReason()).isEqualTo(ReviewReason.AMBIGUOUS_MATCH);
	}

	@Test
	void evaluateWhenMatchHoldsOtherNhsNumberThenMismatchReview() {
		UUID ann = stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), NhsNumber.parse("9434765919"));

		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store,
				person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), NhsNumber.parse("4010232137"), null);

		assertThat(evaluation.reviewReason()).isEqualTo(ReviewReason.NHS_NUMBER_MISMATCH);
		assertThat(evaluation.personId()).isEqualTo(ann);
	}

	@Test
	void evaluateWhenKnownNhsNumberAndOtherDemographicsThenConflictReview() {
		NhsNumber nhs = NhsNumber.parse("9434765919");
		UUID ann = stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), nhs);

		LinkageEngine.Evaluation consistent = this.engine.evaluate(this.store,
				person("Anne", "Oakes", "1970-01-31", null), nhs, null);
		LinkageEngine.Evaluation conflicting = this.engine.evaluate(this.store,
				person("Bartholomew", "Quist", "1999-07-04", "EX1 1AA"), nhs, null);

		assertThat(consistent.outcome()).isEqualTo(LinkageEngine.Evaluation.Outcome.NHS_NUMBER);
		assertThat(consistent.personId()).isEqualTo(ann);
		assertThat(conflicting.reviewReason()).isEqualTo(ReviewReason.NHS_NUMBER_CONFLICT);
		assertThat(conflicting.personId()).isEqualTo(ann);
	}

	@Test
	void evaluateWhenOwnRecordExcludedThenItIsNotItsOwnCandidate() {
		StandardisedPerson ann = person("Ann", "Oakes", "1970-01-31", "LS1 4AP");
		stored(ann, null);

		assertThat(this.engine.evaluate(this.store, ann, null, ann.id()).outcome())
			.isEqualTo(LinkageEngine.Evaluation.Outcome.NEW_PERSON);
	}

	@Test
	void ofWhenThresholdsConfiguredThenModelUsesThem() {
		LinkageEngine strict = LinkageEngine.of(MatchModel.loadDefault(),
				new IdentityProperties(40.0, 20.0, 10.0, 1000, 5000, 100));
		stored(person("Ann", "Oakes", "1970-01-31", null), null);

		LinkageEngine.Evaluation evaluation = strict.evaluate(this.store, person("Ann", "Oaks", "1970-01-31", null),
				null, null);

		assertThat(strict.model().matchThreshold()).isEqualTo(40.0);
		assertThat(evaluation.outcome()).isIn(LinkageEngine.Evaluation.Outcome.REVIEW,
				LinkageEngine.Evaluation.Outcome.NEW_PERSON);
		assertThat(List.of(evaluation.score())).allMatch((s) -> s < 40.0);
	}

	@Test
	void evaluateWhenTwinAtTheSameAddressThenNeverLinked() {
		stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), null);

		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store,
				person("Beth", "Oakes", "1970-01-31", "LS1 4AP"), null, null);

		assertThat(evaluation.outcome()).isIn(LinkageEngine.Evaluation.Outcome.REVIEW,
				LinkageEngine.Evaluation.Outcome.NEW_PERSON);
	}

	@Test
	void evaluateWhenKnownNhsNumberButOtherGivenNameAndDateOfBirthThenConflictReview() {
		NhsNumber nhs = NhsNumber.parse("9434765919");
		UUID ann = stored(person("Ann", "Oakes", "1970-01-31", "LS1 4AP"), nhs);

		LinkageEngine.Evaluation other = this.engine.evaluate(this.store,
				person("Beth", "Oakes", "1996-08-17", "LS1 4AP"), nhs, null);
		LinkageEngine.Evaluation typo = this.engine.evaluate(this.store,
				person("Ann", "Oakes", "1996-08-17", "LS1 4AP"), nhs, null);

		assertThat(other.reviewReason()).isEqualTo(ReviewReason.NHS_NUMBER_CONFLICT);
		assertThat(other.personId()).isEqualTo(ann);
		assertThat(typo.outcome()).isEqualTo(LinkageEngine.Evaluation.Outcome.NHS_NUMBER);
	}

}
