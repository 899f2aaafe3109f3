package care.concord.server.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit API over HTTP with real access tokens: verify, search, read, CSV and FHIR
 * export, role checks, problem details, and the auditing of the officer's own access.
 */
@ConcordIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditSearch search;

	@Autowired
	AuditFhirMapper fhir;

	private String officer;

	private String officerToken;

	private String adminToken;

	private String citizenToken;

	@BeforeAll
	void tokens() {
		this.officer = this.people.create(List.of("ig-officer"), null).username();
		this.officerToken = this.people.accessToken(this.officer);
		this.adminToken = this.people.adminToken();
		this.citizenToken = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
	}

	@Test
	void verifyWhenIgOfficerThenChainReportedIntact() throws Exception {
		this.auditLog.append(TestAuditEvents.decision().build());

		this.mvc.perform(bearer(get("/api/audit/verify"), this.officerToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.ok").value(true))
			.andExpect(jsonPath("$.records_checked").isNumber())
			.andExpect(jsonPath("$.first_break").isEmpty());
	}

	@Test
	void verifyWhenAdminThenAllowed() throws Exception {
		this.mvc.perform(bearer(get("/api/audit/verify"), this.adminToken)).andExpect(status().isOk());
	}

	@Test
	void verifyWhenCitizenThenForbiddenProblem() throws Exception {
		this.mvc.perform(bearer(get("/api/audit/verify"), this.citizenToken))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void recordsWhenNoTokenThenUnauthorized() throws Exception {
		this.mvc.perform(get("/api/audit/records")).andExpect(status().isUnauthorized());
	}

	@Test
	void recordsWhenCitizenOrAdminThenForbidden() throws Exception {
		this.mvc.perform(bearer(get("/api/audit/records"), this.citizenToken)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/audit/records"), this.adminToken)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/audit/export.csv"), this.citizenToken)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/audit/export.fhir"), this.citizenToken)).andExpect(status().isForbidden());
	}

	@Test
	void recordsWhenIgOfficerFiltersBySubjectThenPageNewestFirst() throws Exception {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		AuditRecord first = this.auditLog.append(TestAuditEvents.decision().subject(subject).build());
		AuditRecord second = this.auditLog.append(TestAuditEvents.breakGlass().subject(subject).build());
		AuditRecord third = this.auditLog.append(TestAuditEvents.decision().subject(subject).build());

		this.mvc
			.perform(bearer(get("/api/audit/records").param("subject", subject.value()).param("size", "2"),
					this.officerToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total_records").value(3))
			.andExpect(jsonPath("$.total_pages").value(2))
			.andExpect(jsonPath("$.records.length()").value(2))
			.andExpect(jsonPath("$.records[0].sequence").value(third.sequence()))
			.andExpect(jsonPath("$.records[1].sequence").value(second.sequence()))
			.andExpect(jsonPath("$.records[1].break_glass").value(true))
			.andExpect(jsonPath("$.records[1].obligations[0]").value("notify-subject"));
		this.mvc
			.perform(bearer(get("/api/audit/records").param("subject", subject.value())
				.param("breakGlass", "false")
				.param("decision", "deny"), this.officerToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.records[1].sequence").value(first.sequence()))
			.andExpect(jsonPath("$.records.length()").value(2));
	}

	@Test
	void recordsWhenSearchedThenOfficersAccessIsAudited() throws Exception {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());

		this.mvc
			.perform(bearer(get("/api/audit/records").param("subject", subject.value()).param("reason", "break-glass"),
					this.officerToken)
				.header("X-Request-ID", "req-audit-42"))
			.andExpect(status().isOk());

		AuditPage access = this.search.search(
				new AuditQuery(subject, null, null, null, null, null, null, null, AuditEventType.AUDIT_ACCESS), 0, 10);
		assertThat(access.records()).singleElement().satisfies((record) -> {
			assertThat(record.actorUsername()).isEqualTo(this.officer);
			assertThat(record.reasonCode()).isEqualTo("audit-search");
			assertThat(record.requestId()).isEqualTo("req-audit-42");
			assertThat(record.subjectNhsNumber()).isEqualTo(subject.value());
			assertThat(record.details())
				.isEqualTo("{\"reason\":\"break-glass\",\"subject\":\"" + subject.value() + "\"}");
		});
	}

	@Test
	void recordsWhenFilterInvalidThenBadRequestProblemNamingIt() throws Exception {
		this.mvc.perform(bearer(get("/api/audit/records").param("subject", "1234567890"), this.officerToken))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
		this.mvc.perform(bearer(get("/api/audit/records").param("from", "last tuesday"), this.officerToken))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
		this.mvc.perform(bearer(get("/api/audit/records").param("page", "-1"), this.officerToken))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(bearer(get("/api/audit/records").param("size", "many"), this.officerToken))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void recordWhenSequenceExistsThenRecordElseNotFoundProblem() throws Exception {
		AuditRecord record = this.auditLog.append(TestAuditEvents.breakGlass().build());

		this.mvc.perform(bearer(get("/api/audit/records/" + record.sequence()), this.officerToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.hash").value(record.hash()))
			.andExpect(jsonPath("$.previous_hash").value(record.previousHash()))
			.andExpect(jsonPath("$.subject_nhs_number").value("9434765870"))
			.andExpect(jsonPath("$.break_glass_reason").value(record.breakGlassReason()));
		this.mvc.perform(bearer(get("/api/audit/records/" + Long.MAX_VALUE), this.officerToken))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void exportCsvWhenIgOfficerThenHeaderAndMatchingRowsOldestFirst() throws Exception {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		AuditRecord first = this.auditLog.append(TestAuditEvents.breakGlass().subject(subject).build());
		AuditRecord second = this.auditLog.append(TestAuditEvents.decision().subject(subject).build());

		String csv = this.mvc
			.perform(bearer(get("/api/audit/export.csv").param("subject", subject.value()), this.officerToken))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("text/csv"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		assertThat(csv).startsWith(String.join(",", AuditCsv.HEADER) + "\r\n");
		assertThat(csv).contains("\r\n" + first.sequence() + ",", "\r\n" + second.sequence() + ",");
		assertThat(csv.indexOf("\r\n" + first.sequence() + ","))
			.isLessThan(csv.indexOf("\r\n" + second.sequence() + ","));
		assertThat(csv).contains("\"Unconscious patient, \"\"allergy\"\" check, A&E, line1\nline2\"");
		assertThat(csv).doesNotContain("AUDIT_ACCESS");
	}

	@Test
	void exportFhirWhenIgOfficerThenBundleOfAuditEventsParses() throws Exception {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		this.auditLog.append(TestAuditEvents.breakGlass().subject(subject).build());
		this.auditLog.append(TestAuditEvents.decision().subject(subject).build());

		String json = this.mvc
			.perform(bearer(get("/api/audit/export.fhir").param("subject", subject.value()), this.officerToken))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith("application/fhir+json"))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);

		FhirContext context = this.fhir.fhirContext();
		Bundle bundle = context.newJsonParser().parseResource(Bundle.class, json);
		assertThat(bundle.getEntry()).hasSize(2);
		assertThat(bundle.getEntry()).allSatisfy((entry) -> {
			org.hl7.fhir.r4.model.AuditEvent event = (org.hl7.fhir.r4.model.AuditEvent) entry.getResource();
			assertThat(event.getEntityFirstRep().getWhat().getIdentifier().getValue()).isEqualTo(subject.value());
		});
	}

	private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

}
