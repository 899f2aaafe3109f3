package care.concord.server.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditQuery;
import care.concord.server.audit.AuditRecord;
import care.concord.server.audit.AuditSearch;
import care.concord.server.consent.ConsentFixtures.Account;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.directiveId;
import static care.concord.server.consent.ConsentFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The IG officer's endpoints: the break-glass review queue over the audit log, reviews,
 * decision statistics, read-only access to citizens' directives; and that administrators
 * without the ig-officer role and citizens are kept out.
 */
@ConcordIntegrationTest
class IgControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditSearch auditSearch;

	@Autowired
	ConsentStore store;

	@Autowired
	org.springframework.jdbc.core.JdbcTemplate jdbc;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	/** A decision record as the decision service writes it. */
	private AuditRecord decision(String agency, NhsNumber subject, String outcome, String reason, String breakGlass) {
		AuditEvent.Builder event = AuditEvent
			.builder(AuditEventType.DECISION,
					AuditActor.client(agency, agency.toLowerCase() + "-client").withOnBehalfOf("dr-jones"))
			.subject(subject)
			.holder("RRP")
			.category("summary")
			.purpose((breakGlass != null) ? "emergency-care" : "direct-care")
			.role("clinician")
			.outcome(care.concord.server.audit.AuditOutcome.fromCode(outcome), reason)
			.explanation("test decision");
		if (breakGlass != null) {
			event.breakGlass(breakGlass);
		}
		return this.auditLog.append(event.build());
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> queue(Account officer, String status, String nhs) throws Exception {
		String body = this.mvc
			.perform(bearer(get("/api/ig/break-glass").param("status", status).param("size", "200"), officer))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		List<Map<String, Object>> entries = JsonPath.read(body, "$.entries");
		return entries.stream().filter((e) -> nhs.equals(e.get("nhs_number"))).toList();
	}

	@Test
	void breakGlassWhenPermittedThenQueuedOldestFirstUntilReviewedOnce() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		String agency = TestAgencies.randomCode();
		AuditRecord first = decision(agency, subject, "permit", "break-glass", "unconscious in A&E");
		AuditRecord denied = decision(agency, subject, "deny", "break-glass-reason-required", " ");
		AuditRecord ordinary = decision(agency, subject, "permit", "implied-consent", null);
		AuditRecord second = decision(agency, subject, "permit", "break-glass", "overdose, no history");
		List<Map<String, Object>> unreviewed = queue(officer, "unreviewed", subject.value());
		assertThat(unreviewed).extracting((e) -> ((Number) e.get("audit_seq")).longValue())
			.containsExactly(first.sequence(), second.sequence());
		assertThat(unreviewed.get(0)).containsEntry("agency", agency)
			.containsEntry("break_glass_reason", "unconscious in A&E")
			.containsEntry("practitioner", "dr-jones")
			.containsEntry("purpose", "emergency-care");

		this.mvc
			.perform(json(post("/api/ig/break-glass/" + first.sequence() + "/review"), officer,
					Map.of("justified", true, "comment", "Patient unconscious; access appropriate.")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.audit_seq").value(first.sequence()))
			.andExpect(jsonPath("$.review.justified").value(true))
			.andExpect(jsonPath("$.review.reviewer").value(officer.username()))
			.andExpect(jsonPath("$.review.review_audit_seq").isNumber());
		this.mvc
			.perform(json(post("/api/ig/break-glass/" + first.sequence() + "/review"), officer,
					Map.of("justified", false)))
			.andExpect(status().isConflict());
		this.mvc
			.perform(json(post("/api/ig/break-glass/" + ordinary.sequence() + "/review"), officer,
					Map.of("justified", true)))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(json(post("/api/ig/break-glass/" + denied.sequence() + "/review"), officer,
					Map.of("justified", true)))
			.andExpect(status().isNotFound());
		this.mvc.perform(json(post("/api/ig/break-glass/" + second.sequence() + "/review"), officer, Map.of()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("justified"));
		this.mvc
			.perform(json(post("/api/ig/break-glass/" + second.sequence() + "/review"), officer,
					Map.of("justified", true, "comment", "x".repeat(2001))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("comment"));

		assertThat(queue(officer, "unreviewed", subject.value()))
			.extracting((e) -> ((Number) e.get("audit_seq")).longValue())
			.containsExactly(second.sequence());
		assertThat(queue(officer, "reviewed", subject.value()))
			.extracting((e) -> ((Number) e.get("audit_seq")).longValue())
			.containsExactly(first.sequence());
		List<AuditRecord> reviews = this.auditSearch
			.search(new AuditQuery(subject, null, null, null, null, null, null, null,
					AuditEventType.BREAK_GLASS_REVIEW), 0, 10)
			.records();
		assertThat(reviews).hasSize(1);
		assertThat(reviews.get(0).actorUsername()).isEqualTo(officer.username());
		assertThat(reviews.get(0).correlationId()).isEqualTo(Long.toString(first.sequence()));
	}

	@Test
	void breakGlassWhenBadStatusOrPagingThenProblem() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		this.mvc.perform(bearer(get("/api/ig/break-glass").param("status", "pending"), officer))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("status"));
		this.mvc.perform(bearer(get("/api/ig/break-glass").param("size", "100000"), officer))
			.andExpect(status().isBadRequest());
		this.mvc.perform(json(post("/api/ig/break-glass/abc/review"), officer, Map.of("justified", true)))
			.andExpect(status().isBadRequest());
	}

	@Test
	void statsWhenDecisionsAuditedThenCountedByOutcomeReasonAgencyPurposeAndBreakGlass() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		Instant from = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS);
		Instant to = from.plus(3, ChronoUnit.HOURS);
		String before = stats(officer, from, to, "hour");
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		String agency = TestAgencies.randomCode();
		decision(agency, subject, "permit", "implied-consent", null);
		decision(agency, subject, "permit", "implied-consent", null);
		decision(agency, subject, "deny", "directive-deny", null);
		decision(agency, subject, "permit", "break-glass", "cardiac arrest");
		String after = stats(officer, from, to, "hour");

		List<Map<String, Object>> mine = JsonPath.read(after, "$.by_agency[?(@.key == '" + agency + "')]");
		assertThat(mine).hasSize(1);
		assertThat(mine.get(0)).containsEntry("total", 4)
			.containsEntry("permit", 3)
			.containsEntry("deny", 1)
			.containsEntry("error", 0);
		assertThat(delta(before, after, "$.by_outcome.permit")).isEqualTo(3);
		assertThat(delta(before, after, "$.by_outcome.deny")).isEqualTo(1);
		assertThat(delta(before, after, "$.break_glass.total")).isEqualTo(1);
		assertThat(delta(before, after, "$.break_glass.unreviewed")).isEqualTo(1);
		assertThat(delta(before, after, "$.timeline[1].total") + delta(before, after, "$.timeline[2].total"))
			.isEqualTo(4);
		assertThat((List<?>) JsonPath.read(after, "$.timeline")).hasSize(3);
		assertThat((String) JsonPath.read(after, "$.bucket")).isEqualTo("hour");
		assertThat(sumReason(after, "implied-consent") - sumReason(before, "implied-consent")).isEqualTo(2);
		// The identity feature (V10) is deployed in this build: its pending reviews are
		// counted.
		assertThat((Boolean) JsonPath.read(after, "$.identity_matches_awaiting_review.available")).isTrue();
		assertThat(((Number) JsonPath.read(after, "$.identity_matches_awaiting_review.count")).longValue()).isEqualTo(
				this.jdbc.queryForObject("SELECT count(*) FROM identity_review WHERE status = 'pending'", Long.class));
	}

	@Test
	void statsWhenBadParametersThenProblem() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		this.mvc.perform(bearer(get("/api/ig/stats").param("bucket", "week"), officer))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("bucket"));
		this.mvc
			.perform(bearer(
					get("/api/ig/stats").param("from", "2026-11-02T00:00:00Z").param("to", "2026-11-01T00:00:00Z"),
					officer))
			.andExpect(status().isBadRequest());
		this.mvc.perform(bearer(get("/api/ig/stats").param("from", "yesterday"), officer))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		this.mvc
			.perform(bearer(get("/api/ig/stats").param("bucket", "hour")
				.param("from", "2020-01-01T00:00:00Z")
				.param("to", "2026-01-01T00:00:00Z"), officer))
			.andExpect(status().isBadRequest());
		this.mvc.perform(bearer(get("/api/ig/stats"), officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.bucket").value("day"))
			.andExpect(jsonPath("$.timeline.length()").value(org.hamcrest.Matchers.greaterThanOrEqualTo(30)));
	}

	@Test
	void citizenDirectivesWhenIgOfficerThenReadableButNotChangeable() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "deny")));
		String base = "/api/ig/citizens/" + citizen.nhsNumber() + "/directives";
		this.mvc.perform(bearer(get(base), officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.directives[0].id").value(id));
		this.mvc.perform(bearer(get("/api/ig/citizens/" + citizen.nhsNumber() + "/consent"), officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.national_data_opt_out").value(false))
			.andExpect(jsonPath("$.directives[0].id").value(id));
		this.mvc.perform(bearer(get(base + "/" + id + "/history"), officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.versions.length()").value(1));
		this.mvc.perform(json(post(base), officer, Map.of("effect", "permit")))
			.andExpect(status().isMethodNotAllowed());
		this.mvc.perform(json(put(base + "/" + id), officer, Map.of("effect", "permit")))
			.andExpect(status().is4xxClientError());
		this.mvc.perform(bearer(delete(base + "/" + id), officer)).andExpect(status().is4xxClientError());
		this.mvc
			.perform(json(post("/api/citizens/" + citizen.nhsNumber() + "/directives"), officer,
					Map.of("effect", "permit")))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(delete("/api/citizens/" + citizen.nhsNumber() + "/directives/" + id), officer))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(bearer(put("/api/citizens/" + citizen.nhsNumber() + "/consent.fhir"), officer)
				.contentType("application/fhir+json")
				.content("{\"resourceType\": \"Consent\", \"status\": \"active\"}"))
			.andExpect(status().isForbidden());
		DirectiveVersion current = this.store.current(NhsNumber.parse(citizen.nhsNumber()), id).orElseThrow();
		assertThat(current.version()).isEqualTo(1);
		assertThat(current.isActive()).isTrue();
		this.mvc.perform(bearer(get("/api/ig/citizens/123/directives"), officer)).andExpect(status().isBadRequest());
	}

	@Test
	void igEndpointsWhenAdminWithoutIgRoleOrCitizenThenForbidden() throws Exception {
		Account admin = this.fixtures.person("admin");
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "deny")));
		for (Account outsider : List.of(admin, citizen)) {
			this.mvc.perform(bearer(get("/api/ig/citizens/" + citizen.nhsNumber() + "/directives"), outsider))
				.andExpect(status().isForbidden());
			this.mvc
				.perform(bearer(get("/api/ig/citizens/" + citizen.nhsNumber() + "/directives/" + id + "/history"),
						outsider))
				.andExpect(status().isForbidden());
			this.mvc.perform(bearer(get("/api/ig/citizens/" + citizen.nhsNumber() + "/consent"), outsider))
				.andExpect(status().isForbidden());
			this.mvc.perform(bearer(get("/api/ig/break-glass"), outsider)).andExpect(status().isForbidden());
			this.mvc.perform(bearer(get("/api/ig/stats"), outsider)).andExpect(status().isForbidden());
		}
		this.mvc.perform(bearer(get("/api/citizens/" + citizen.nhsNumber() + "/directives"), admin))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/citizens/" + citizen.nhsNumber() + "/consent.fhir"), admin))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/me/directives"), admin)).andExpect(status().isForbidden());
		Account both = this.fixtures.person("admin", "ig-officer");
		this.mvc.perform(bearer(get("/api/ig/citizens/" + citizen.nhsNumber() + "/directives"), both))
			.andExpect(status().isOk());
	}

	private String stats(Account officer, Instant from, Instant to, String bucket) throws Exception {
		return this.mvc.perform(bearer(
				get("/api/ig/stats").param("from", from.toString()).param("to", to.toString()).param("bucket", bucket),
				officer))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static long delta(String before, String after, String path) {
		return number(after, path) - number(before, path);
	}

	private static long number(String json, String path) {
		try {
			Object value = JsonPath.read(json, path);
			return (value instanceof Number n) ? n.longValue() : 0;
		}
		catch (com.jayway.jsonpath.PathNotFoundException ex) {
			return 0;
		}
	}

	private static long sumReason(String json, String reason) {
		List<Object> counts = JsonPath.read(json, "$.by_reason[?(@.reason == '" + reason + "')].count");
		return counts.stream().mapToLong((c) -> ((Number) c).longValue()).sum();
	}

}
