package care.concord.server.identity;

import java.util.List;
import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.identity.IdentityFixtures.Agency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.identity.IdentityFixtures.person;
import static care.concord.server.identity.IdentityFixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The IG officer review queue over HTTP: listing oldest first, accept and reject with
 * their state checks, who may decide, and the audit records of decisions.
 */
@ConcordIntegrationTest
class IdentityReviewControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	IdentityFixtures fixtures;

	Agency hospital;

	Agency council;

	String officer;

	@BeforeEach
	void setUp() {
		this.fixtures = new IdentityFixtures(this.mvc, this.agencies, this.people);
		this.hospital = this.fixtures.agency();
		this.council = this.fixtures.agency();
		this.officer = this.fixtures.igOfficerToken();
	}

	/**
	 * Queues a record whose NHS number belongs to someone with other demographics;
	 * answers [review, person].
	 */
	private Conflict conflict() throws Exception {
		String nhs = TestNhsNumbers.next();
		Map<String, Object> known = this.fixtures.submitted(this.hospital.token(), with(person(), "nhs_number", nhs));
		Map<String, Object> stranger = with(person(), "nhs_number", nhs);
		Map<String, Object> queued = this.fixtures.submitted(this.council.token(), stranger);
		return new Conflict((String) queued.get("review_id"), (String) known.get("person_id"), nhs,
				(String) stranger.get("local_id"));
	}

	private record Conflict(String reviewId, String proposedPersonId, String nhsNumber, String localId) {
	}

	@Test
	void reviewsWhenPendingThenOldestFirstWithRecordAndProposal() throws Exception {
		Conflict first = conflict();
		Conflict second = conflict();

		Map<String, Object> page = TestOAuth
			.json(this.fixtures.get(this.officer, "/api/identity/reviews?status=pending&size=100")
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.page").value(0))
				.andExpect(jsonPath("$.size").value(100))
				.andReturn());
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> reviews = (List<Map<String, Object>>) page.get("reviews");
		List<Object> ids = reviews.stream().map((r) -> r.get("review_id")).toList();
		if (((Number) page.get("total")).intValue() <= 100) {
			assertThat(ids).contains(first.reviewId(), second.reviewId());
			assertThat(ids.indexOf(first.reviewId())).isLessThan(ids.indexOf(second.reviewId()));
		}
		this.fixtures.get(this.officer, "/api/identity/reviews/" + first.reviewId())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("pending"))
			.andExpect(jsonPath("$.reason").value("nhs-number-conflict"))
			.andExpect(jsonPath("$.record.agency").value(this.council.code()))
			.andExpect(jsonPath("$.record.local_id").value(first.localId()))
			.andExpect(jsonPath("$.record.nhs_number").value(first.nhsNumber()))
			.andExpect(jsonPath("$.record.demographics.date_of_birth").isString())
			.andExpect(jsonPath("$.proposed_person.person_id").value(first.proposedPersonId()))
			.andExpect(jsonPath("$.proposed_person.records[0].agency").value(this.hospital.code()))
			.andExpect(jsonPath("$.evidence.compared_agency").value(this.hospital.code()))
			.andExpect(jsonPath("$.evidence.nhs_numbers").value("same"))
			.andExpect(jsonPath("$.evidence.comparisons[0].field").value("given_name"))
			.andExpect(jsonPath("$.evidence.comparisons[0].level").isString())
			.andExpect(jsonPath("$.evidence.comparisons[0].description").isString())
			.andExpect(jsonPath("$.evidence.comparisons[0].weight").isNumber())
			.andExpect(jsonPath("$.evidence.comparisons[?(@.field == 'date_of_birth')].weight").isNotEmpty())
			.andExpect(jsonPath("$.evidence.score").isNumber())
			.andExpect(jsonPath("$.decision").doesNotExist());
	}

	@Test
	void reviewsWhenStatusUnknownThenProblemNamesIt() throws Exception {
		this.fixtures.get(this.officer, "/api/identity/reviews?status=maybe")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		this.fixtures.get(this.officer, "/api/identity/reviews?size=100000")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void acceptWhenIgOfficerThenLinkedToProposedPersonAndAudited() throws Exception {
		Conflict conflict = conflict();

		this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/accept",
					Map.of("reason", "Confirmed by phone: she changed her name and moved"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("accepted"))
			.andExpect(jsonPath("$.decision.person_id").value(conflict.proposedPersonId()))
			.andExpect(jsonPath("$.decision.reason").value("Confirmed by phone: she changed her name and moved"))
			.andExpect(jsonPath("$.decision.decided_by").isString());

		this.fixtures.get(this.council.token(), "/api/identity/records/" + conflict.localId())
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.person_id").value(conflict.proposedPersonId()))
			.andExpect(jsonPath("$.nhs_number").value(conflict.nhsNumber()))
			.andExpect(jsonPath("$.method").value("ig-decision"));
		Map<String, Object> audit = this.jdbc.queryForMap("SELECT event_type, reason_code, actor_username, "
				+ "subject_nhs_number, details FROM audit_record WHERE reason_code = 'review-accepted' "
				+ "AND details LIKE ? ORDER BY seq DESC LIMIT 1", "%" + conflict.reviewId() + "%");
		assertThat(audit).containsEntry("event_type", "IDENTITY_ACTION")
			.containsEntry("subject_nhs_number", conflict.nhsNumber());
		assertThat((String) audit.get("actor_username")).startsWith("ig-officer-");
		assertThat((String) audit.get("details")).contains("changed her name");
	}

	@Test
	void acceptWhenAlreadyDecidedThenConflict() throws Exception {
		Conflict conflict = conflict();
		String accept = "/api/identity/reviews/" + conflict.reviewId() + "/accept";
		this.fixtures.post(this.officer, accept, Map.of("reason", "same person")).andExpect(status().isOk());

		this.fixtures.post(this.officer, accept, Map.of("reason", "again"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("conflict"));
		this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/reject",
					Map.of("reason", "changed my mind"))
			.andExpect(status().isConflict());
	}

	@Test
	void acceptWhenPersonNamedThenLinkedToThatPerson() throws Exception {
		Conflict conflict = conflict();
		Map<String, Object> other = this.fixtures.submitted(this.hospital.token(), person());

		this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/accept",
					Map.of("reason", "wrong NHS number on the council record", "person_id", other.get("person_id")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision.person_id").value(other.get("person_id")));
		this.fixtures.get(this.council.token(), "/api/identity/records/" + conflict.localId())
			.andExpect(jsonPath("$.person_id").value(other.get("person_id")));
	}

	@Test
	void acceptWhenNamedPersonUnknownThenProblemAndStillPending() throws Exception {
		Conflict conflict = conflict();

		this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/accept",
					Map.of("reason", "x", "person_id", "00000000-0000-4000-8000-000000000000"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("person_id"));
		this.fixtures.get(this.officer, "/api/identity/reviews/" + conflict.reviewId())
			.andExpect(jsonPath("$.status").value("pending"));
	}

	@Test
	void rejectWhenIgOfficerThenNewPersonWithoutTheDisputedNhsNumber() throws Exception {
		Conflict conflict = conflict();

		Map<String, Object> decided = TestOAuth.json(this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/reject",
					Map.of("reason", "different person; the council is checking its NHS number"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("rejected"))
			.andReturn());
		@SuppressWarnings("unchecked")
		String newPerson = (String) ((Map<String, Object>) decided.get("decision")).get("person_id");

		assertThat(newPerson).isNotNull().isNotEqualTo(conflict.proposedPersonId());
		this.fixtures.get(this.council.token(), "/api/identity/records/" + conflict.localId())
			.andExpect(jsonPath("$.person_id").value(newPerson))
			.andExpect(jsonPath("$.nhs_number").doesNotExist());
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_record WHERE reason_code = 'review-rejected' " + "AND details LIKE ?",
				Integer.class, "%" + conflict.reviewId() + "%"))
			.isEqualTo(1);
	}

	@Test
	void decideWhenReasonMissingOrBlankThenProblemNamesReason() throws Exception {
		Conflict conflict = conflict();
		String accept = "/api/identity/reviews/" + conflict.reviewId() + "/accept";

		this.fixtures.post(this.officer, accept, Map.of())
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("reason"));
		this.fixtures.post(this.officer, accept, Map.of("reason", "  ")).andExpect(status().isBadRequest());
		this.fixtures.post(this.officer, accept, Map.of("reason", "r".repeat(1001))).andExpect(status().isBadRequest());
		this.fixtures.post(this.officer, accept, Map.of("reason", "ok", "verdict", "yes"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("verdict"));
		this.fixtures
			.post(this.officer, "/api/identity/reviews/" + conflict.reviewId() + "/reject",
					Map.of("reason", "no", "person_id", conflict.proposedPersonId()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("person_id"));
		this.fixtures.get(this.officer, "/api/identity/reviews/" + conflict.reviewId())
			.andExpect(jsonPath("$.status").value("pending"));
	}

	@Test
	void decideWhenReviewUnknownThenNotFound() throws Exception {
		this.fixtures
			.post(this.officer, "/api/identity/reviews/00000000-0000-4000-8000-000000000000/accept",
					Map.of("reason", "x"))
			.andExpect(status().isNotFound());
	}

	@Test
	void decideWhenAgencyOrCitizenTokenThenForbidden() throws Exception {
		Conflict conflict = conflict();
		String accept = "/api/identity/reviews/" + conflict.reviewId() + "/accept";
		String citizen = this.fixtures.citizenToken(TestNhsNumbers.next());

		this.fixtures.post(this.council.token(), accept, Map.of("reason", "mine")).andExpect(status().isForbidden());
		this.fixtures.post(citizen, accept, Map.of("reason", "mine")).andExpect(status().isForbidden());
		this.fixtures
			.post(citizen, "/api/identity/reviews/" + conflict.reviewId() + "/reject", Map.of("reason", "mine"))
			.andExpect(status().isForbidden());
		this.fixtures.get(this.council.token(), "/api/identity/reviews").andExpect(status().isForbidden());
		this.fixtures.get(citizen, "/api/identity/reviews").andExpect(status().isForbidden());
		this.fixtures.get(this.officer, "/api/identity/reviews/" + conflict.reviewId())
			.andExpect(jsonPath("$.status").value("pending"));
	}

	@Test
	void submitWhenReviewPendingThenResubmissionKeepsTheSameReview() throws Exception {
		String nhs = TestNhsNumbers.next();
		this.fixtures.submitted(this.hospital.token(), with(person(), "nhs_number", nhs));
		Map<String, Object> stranger = with(person(), "nhs_number", nhs);
		Map<String, Object> first = this.fixtures.submitted(this.council.token(), stranger);

		Map<String, Object> again = this.fixtures.submitted(this.council.token(),
				with(stranger, "postcode", "LS2 9JT"));

		assertThat(again.get("review_id")).isEqualTo(first.get("review_id"));
		assertThat(again.get("method")).isEqualTo("review");
		assertThat(
				this.jdbc.queryForObject(
						"SELECT count(*) FROM identity_review r JOIN identity_record d "
								+ "ON d.record_id = r.record_id WHERE d.org_code = ?",
						Integer.class, this.council.code()))
			.isEqualTo(1);
	}

}
