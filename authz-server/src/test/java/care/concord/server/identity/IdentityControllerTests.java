package care.concord.server.identity;

import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.identity.IdentityFixtures.Agency;
import care.concord.server.uma.IdentityLookup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.identity.IdentityFixtures.person;
import static care.concord.server.identity.IdentityFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The agencies' identity API over HTTP: each link method, idempotent re-submission,
 * look-ups confined to the calling agency, audit records, the UMA {@link IdentityLookup},
 * and bad input.
 */
@ConcordIntegrationTest
class IdentityControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IdentityLookup identityLookup;

	IdentityFixtures fixtures;

	Agency hospital;

	Agency council;

	@BeforeEach
	void agencies() {
		this.fixtures = new IdentityFixtures(this.mvc, this.agencies, this.people);
		this.hospital = this.fixtures.agency();
		this.council = this.fixtures.agency();
	}

	@Test
	void submitWhenNobodyMatchesThenNewPersonWithItsNhsNumber() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);

		this.fixtures.submit(this.hospital.token(), record)
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/identity/records/" + record.get("local_id")))
			.andExpect(jsonPath("$.method").value("new-person"))
			.andExpect(jsonPath("$.status").value("linked"))
			.andExpect(jsonPath("$.person_id").isString())
			.andExpect(jsonPath("$.nhs_number").value(nhs))
			.andExpect(jsonPath("$.agency").value(this.hospital.code()))
			// members are always present: null means not applicable
			.andExpect(content().string(containsString("\"review_id\":null")));
	}

	@Test
	void submitWhenKnownNhsNumberAndConsistentDemographicsThenNhsNumberMethod() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);
		// the council knows her without the address and spells the NHS number 3-3-4
		Map<String, Object> atCouncil = with(record, "local_id", "C-1", "nhs_number", NhsNumber.parse(nhs).formatted(),
				"postcode", null, "street", null, "street_number", null, "locality", null);

		this.fixtures.submit(this.council.token(), atCouncil)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.method").value("nhs-number"))
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")))
			.andExpect(jsonPath("$.nhs_number").value(nhs))
			.andExpect(jsonPath("$.score", greaterThanOrEqualTo(12.0)));
	}

	@Test
	void submitWhenGivenNameHasTypoThenDemographicMatchWithScore() throws Exception {
		Map<String, Object> record = with(person(), "given_name", "Jonathan");
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);
		Map<String, Object> typo = with(record, "local_id", "SC-77", "given_name", "Jonathon");

		this.fixtures.submit(this.council.token(), typo)
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.method").value("demographic-match"))
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")))
			.andExpect(jsonPath("$.score", greaterThanOrEqualTo(12.0)))
			.andExpect(jsonPath("$.nhs_number").doesNotExist());
	}

	@Test
	void submitWhenDemographicMatchBringsNhsNumberThenPersonGainsIt() throws Exception {
		Map<String, Object> record = person();
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);
		String nhs = TestNhsNumbers.next();

		this.fixtures.submit(this.council.token(), with(record, "nhs_number", nhs))
			.andExpect(jsonPath("$.method").value("demographic-match"))
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")))
			.andExpect(jsonPath("$.nhs_number").value(nhs));
		this.fixtures.get(this.hospital.token(), "/api/identity/records/" + record.get("local_id"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nhs_number").value(nhs));
	}

	@Test
	void submitWhenKnownNhsNumberButDemographicsConflictThenReview() throws Exception {
		String nhs = TestNhsNumbers.next();
		this.fixtures.submitted(this.hospital.token(), with(person(), "nhs_number", nhs));
		Map<String, Object> stranger = with(person(), "nhs_number", nhs);

		Map<String, Object> answer = this.fixtures.submitted(this.council.token(), stranger);

		assertThat(answer.get("method")).isEqualTo("review");
		assertThat(answer.get("status")).isEqualTo("pending-review");
		assertThat(answer.get("person_id")).isNull();
		assertThat(answer.get("nhs_number")).isNull();
		assertThat(answer.get("review_id")).isInstanceOf(String.class);
		assertThat(((Number) answer.get("score")).doubleValue()).isLessThan(4.0);
		assertThat(this.jdbc.queryForObject("SELECT reason FROM identity_review WHERE review_id = ?", String.class,
				answer.get("review_id")))
			.isEqualTo("nhs-number-conflict");
		// an undecided record resolves to no NHS number for UMA either
		assertThat(this.identityLookup.nhsNumberForLocalId(this.council.code(), (String) stranger.get("local_id")))
			.isEmpty();
	}

	@Test
	void submitWhenSameNamesButOtherDateOfBirthThenPossibleMatchReview() throws Exception {
		Map<String, Object> record = with(person(), "postcode", null, "street", null, "street_number", null, "locality",
				null);
		this.fixtures.submitted(this.hospital.token(), record);
		Map<String, Object> sameName = with(record, "local_id", "X1", "date_of_birth", "2011-06-15");

		this.fixtures.submit(this.council.token(), sameName)
			.andExpect(jsonPath("$.method").value("review"))
			.andExpect(jsonPath("$.score", greaterThanOrEqualTo(4.0)))
			.andExpect(jsonPath("$.score", lessThan(12.0)));
	}

	@Test
	void submitWhenSameLocalIdAgainThenIdempotent() throws Exception {
		Map<String, Object> record = with(person(), "nhs_number", TestNhsNumbers.next());
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);

		this.fixtures.submit(this.hospital.token(), record)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")))
			.andExpect(jsonPath("$.method").value("new-person"));
		// she moved house: the same link, new demographics
		this.fixtures.submit(this.hospital.token(), with(record, "postcode", "LS6 2QA", "street_number", "3"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM identity_record WHERE org_code = ? AND local_id = ?",
				Integer.class, this.hospital.code(), record.get("local_id")))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM identity_person WHERE person_id = ?", Integer.class,
				first.get("person_id")))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT postcode FROM identity_record WHERE org_code = ? AND local_id = ?",
				String.class, this.hospital.code(), record.get("local_id")))
			.isEqualTo("LS6 2QA");
	}

	@Test
	void submitWhenResubmittedWithAnotherPersonsNhsNumberThenRelinkReview() throws Exception {
		String otherNhs = TestNhsNumbers.next();
		Map<String, Object> other = with(person(), "nhs_number", otherNhs);
		this.fixtures.submitted(this.council.token(), other);
		Map<String, Object> record = person();
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);
		// the hospital corrects its record: it was the council's person all along
		Map<String, Object> corrected = with(other, "local_id", record.get("local_id"));

		Map<String, Object> answer = this.fixtures.submitted(this.hospital.token(), corrected);

		assertThat(answer.get("method")).isEqualTo("review");
		assertThat(this.jdbc.queryForMap("SELECT reason, previous_person_id FROM identity_review WHERE review_id = ?",
				answer.get("review_id")))
			.containsEntry("reason", "relink")
			.containsEntry("previous_person_id", first.get("person_id"));
	}

	@Test
	void lookupWhenOwnLocalIdThenPersonAndNhsNumber() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);

		this.fixtures.get(this.hospital.token(), "/api/identity/records/" + record.get("local_id"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.person_id").value(first.get("person_id")))
			.andExpect(jsonPath("$.nhs_number").value(nhs))
			.andExpect(jsonPath("$.local_id").value(record.get("local_id")));
		assertThat(this.identityLookup.nhsNumberForLocalId(this.hospital.code(), (String) record.get("local_id")))
			.contains(NhsNumber.parse(nhs));
	}

	@Test
	void umaResourceRegistrationWhenLocalIdLinkedThenSubjectIsTheNhsNumber() throws Exception {
		TestAgencies.TestAgency lab = this.agencies.agency(OrgType.ACUTE_HOSPITAL)
			.scopes("identity", "uma_protection")
			.register();
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);
		this.fixtures.submitted(lab.accessToken("identity"), record);

		Map<String, Object> created = TestOAuth
			.json(this.fixtures
				.post(lab.accessToken("uma_protection"), "/uma/resource_set",
						Map.of("name", "Blood results", "type", "test-results", "resource_scopes", List.of("read"),
								"subject_local_id", record.get("local_id")))
				.andExpect(status().isCreated())
				.andReturn());

		assertThat(this.jdbc.queryForObject("SELECT subject_nhs_number FROM uma_resource_set WHERE holder = ?",
				String.class, lab.code()))
			.isEqualTo(nhs);
		assertThat(created.get("_id")).isNotNull();
	}

	@Test
	void lookupWhenAnotherAgencysLocalIdThenNotFound() throws Exception {
		Map<String, Object> record = person();
		this.fixtures.submitted(this.hospital.token(), record);

		this.fixtures.get(this.council.token(), "/api/identity/records/" + record.get("local_id"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not-found"));
		assertThat(this.identityLookup.nhsNumberForLocalId(this.council.code(), (String) record.get("local_id")))
			.isEmpty();
	}

	@Test
	void personWhenAgencyThenOnlyItsOwnLocalIds() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);
		this.fixtures.submitted(this.council.token(), with(record, "local_id", "C-9"));
		String personPath = "/api/identity/persons/" + first.get("person_id");

		this.fixtures.get(this.hospital.token(), personPath)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nhs_number").value(nhs))
			.andExpect(jsonPath("$.records.length()").value(1))
			.andExpect(jsonPath("$.records[0].agency").value(this.hospital.code()))
			.andExpect(jsonPath("$.records[0].local_id").value(record.get("local_id")))
			.andExpect(jsonPath("$.records[0].given_name").doesNotExist());
		this.fixtures.get(this.fixtures.agency().token(), personPath).andExpect(status().isNotFound());
		this.fixtures.get(this.fixtures.igOfficerToken(), personPath)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.records.length()").value(2));
	}

	@Test
	void submitWhenLinkedThenAuditedAsIdentityAction() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> record = with(person(), "nhs_number", nhs);
		Map<String, Object> first = this.fixtures.submitted(this.hospital.token(), record);

		Map<String, Object> audit = this.jdbc.queryForMap("SELECT event_type, actor_agency, subject_nhs_number, "
				+ "decision, reason_code, details FROM audit_record WHERE actor_agency = ? ORDER BY seq DESC LIMIT 1",
				this.hospital.code());
		assertThat(audit).containsEntry("event_type", "IDENTITY_ACTION")
			.containsEntry("subject_nhs_number", nhs)
			.containsEntry("decision", "permit")
			.containsEntry("reason_code", "record-linked");
		assertThat((String) audit.get("details")).contains((String) first.get("person_id"))
			.contains((String) record.get("local_id"))
			.doesNotContain((String) record.get("family_name"));
	}

	@Test
	void submitWhenNoTokenThenUnauthorized() throws Exception {
		this.mvc.perform(post("/api/identity/records").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void submitWhenTokenLacksIdentityScopeThenForbidden() throws Exception {
		this.fixtures.submit(this.fixtures.agencyWithoutIdentityScope(), person())
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.code").value("forbidden"));
	}

	@Test
	void submitWhenCitizenTokenThenForbidden() throws Exception {
		this.fixtures.submit(this.fixtures.citizenToken(TestNhsNumbers.next()), person())
			.andExpect(status().isForbidden());
	}

	@Test
	void submitWhenJsonMalformedThenMalformedRequestProblem() throws Exception {
		this.fixtures.submit(this.hospital.token(), "{\"local_id\": \"A1\", ")
			.andExpect(status().isBadRequest())
			.andExpect(header().string(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE))
			.andExpect(jsonPath("$.code").value("malformed-request"));
	}

	@Test
	void submitWhenFieldHasWrongTypeThenProblemNamesField() throws Exception {
		this.fixtures.submit(this.hospital.token(), with(person(), "given_name", Map.of("first", "Ann")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("given_name"));
	}

	@Test
	void submitWhenUnknownFieldThenProblemNamesIt() throws Exception {
		Map<String, Object> record = with(person(), "diagnosis", "F32.1");

		this.fixtures.submit(this.hospital.token(), record)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("diagnosis"));
		assertNothingStored(record);
	}

	@Test
	void submitWhenRequiredFieldMissingThenProblemNamesIt() throws Exception {
		for (String field : new String[] { "local_id", "given_name", "family_name", "date_of_birth" }) {
			this.fixtures.submit(this.hospital.token(), with(person(), field, null))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(field));
		}
	}

	@Test
	void submitWhenNhsNumberFailsModulus11ThenProblemNamesIt() throws Exception {
		Map<String, Object> record = with(person(), "nhs_number", "9434765918");

		this.fixtures.submit(this.hospital.token(), record)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nhs_number"))
			.andExpect(jsonPath("$.detail").value("nhs_number: NHS number fails the Modulus 11 check"));
		assertNothingStored(record);
	}

	@Test
	void submitWhenDateOfBirthAbsurdThenProblemNamesIt() throws Exception {
		// the API stays strict where batch input (scripts/link) keeps such dates as
		// digits: 2048 is a future year
		for (String date : new String[] { "2999-01-01", "2048-06-21", "1879-12-31", "1970-02-30", "31/01/1970" }) {
			this.fixtures.submit(this.hospital.token(), with(person(), "date_of_birth", date))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("date_of_birth"));
		}
	}

	@Test
	void submitWhenFieldTooLongThenProblemNamesIt() throws Exception {
		String longText = "a".repeat(101);
		for (String field : new String[] { "given_name", "family_name", "street", "locality" }) {
			this.fixtures.submit(this.hospital.token(), with(person(), field, longText))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(field));
		}
		this.fixtures.submit(this.hospital.token(), with(person(), "local_id", "L" + "1".repeat(64)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("local_id"));
	}

	@Test
	void submitWhenAddressLineAndStreetBothGivenThenProblemNamesAddressLine() throws Exception {
		this.fixtures.submit(this.hospital.token(), with(person(), "address_line", "12 High Street"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("address_line"));
	}

	@Test
	void submitWhenAddressLineGivenThenHouseNumberSplitOff() throws Exception {
		Map<String, Object> record = with(person(), "street", null, "street_number", null, "address_line",
				"12 Harewood Road");

		this.fixtures.submit(this.hospital.token(), record).andExpect(status().isCreated());
		assertThat(this.jdbc.queryForMap(
				"SELECT street_number, street FROM identity_record WHERE org_code = ? " + "AND local_id = ?",
				this.hospital.code(), record.get("local_id")))
			.containsEntry("street_number", "12");
	}

	@Test
	void personWhenIdNotUuidThenProblemNamesIt() throws Exception {
		this.fixtures.get(this.hospital.token(), "/api/identity/persons/not-a-uuid")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("personId"));
	}

	private void assertNothingStored(Map<String, Object> record) {
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM identity_record WHERE org_code = ? AND local_id = ?",
				Integer.class, this.hospital.code(), record.get("local_id")))
			.isZero();
	}

}
