package care.concord.server.decision;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The AuthZEN Access Evaluation API over HTTP: single and batch evaluations, decided and
 * audited by the decision service; invalid requests as RFC 9457 problems naming the
 * field, audited as errors.
 */
@ConcordIntegrationTest
class AuthZenControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcOperations jdbc;

	@Autowired
	DataSource dataSource;

	TestAgency gp;

	String token;

	String citizen;

	@BeforeEach
	void agency() {
		this.gp = this.agencies.register(OrgType.GP, "decision");
		this.token = this.gp.accessToken();
		this.citizen = TestNhsNumbers.next();
	}

	String evaluation(String category, String purpose, String breakGlassReason) {
		return "{\"subject\":{\"type\":\"agency-practitioner\",\"id\":\"P-42\",\"properties\":{\"organisation\":\""
				+ this.gp.code() + "\",\"org_type\":\"gp\",\"role\":\"clinician\"}},"
				+ "\"resource\":{\"type\":\"care-record\",\"id\":\"" + this.citizen
				+ "\",\"properties\":{\"category\":\"" + category + "\",\"holder\":\"RR8\"}},"
				+ "\"action\":{\"name\":\"read\"},\"context\":{\"purpose\":\"" + purpose + "\""
				+ ((breakGlassReason != null) ? ",\"break_glass_reason\":\"" + breakGlassReason + "\"" : "") + "}}";
	}

	ResultActions evaluate(String path, String body) throws Exception {
		return this.mvc.perform(post(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	void declareRelationship() throws Exception {
		this.mvc
			.perform(post("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + this.citizen + "\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void evaluationWhenRelationshipDeclaredThenPermitWithAuditId() throws Exception {
		declareRelationship();
		MvcResult result = evaluate("/access/v1/evaluation", evaluation("medications", "direct-care", null))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value(true))
			.andExpect(jsonPath("$.context.reason").value("implied-consent"))
			.andExpect(jsonPath("$.context.obligations", hasSize(0)))
			.andExpect(jsonPath("$.context.explanation").isString())
			.andReturn();
		String auditId = (String) ((Map<?, ?>) TestOAuth.json(result).get("context")).get("audit_id");
		Map<String, Object> record = this.jdbc.queryForMap("SELECT event_type, decision, reason_code, actor_agency,"
				+ " on_behalf_of, subject_nhs_number FROM audit_record WHERE seq = ?", Long.parseLong(auditId));
		assertThat(record).containsEntry("event_type", "DECISION")
			.containsEntry("decision", "permit")
			.containsEntry("actor_agency", this.gp.code())
			.containsEntry("on_behalf_of", "P-42")
			.containsEntry("subject_nhs_number", this.citizen);
	}

	@Test
	void evaluationWhenDecisionCannotBeAuditedThen503ProblemWithRetryAfterAndNoDecision() throws Exception {
		declareRelationship();
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			// another transaction holds the chain head: no audit record can be appended
			// meanwhile
			try (Statement lock = holder.createStatement()) {
				lock.executeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").close();
			}
			evaluate("/access/v1/evaluation", evaluation("medications", "direct-care", null))
				.andExpect(status().isServiceUnavailable())
				.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.status").value(503))
				.andExpect(jsonPath("$.decision").doesNotExist());
			holder.rollback();
		}
	}

	@Test
	void evaluationWhenNoRelationshipThenDeny() throws Exception {
		evaluate("/access/v1/evaluation", evaluation("medications", "TREAT", null)).andExpect(status().isOk())
			.andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("no-legitimate-relationship"));
	}

	@Test
	void evaluationWhenRelationshipAssertedButUnknownThenStillDenied() throws Exception {
		String body = evaluation("medications", "direct-care", null).replace("\"purpose\":\"direct-care\"",
				"\"purpose\":\"direct-care\",\"relationship\":true");
		evaluate("/access/v1/evaluation", body).andExpect(jsonPath("$.decision").value(false))
			.andExpect(jsonPath("$.context.reason").value("no-legitimate-relationship"));
	}

	@Test
	void evaluationWhenRelationshipFalseThenNarrowed() throws Exception {
		declareRelationship();
		String body = evaluation("medications", "direct-care", null).replace("\"purpose\":\"direct-care\"",
				"\"purpose\":\"direct-care\",\"relationship\":false");
		evaluate("/access/v1/evaluation", body).andExpect(jsonPath("$.decision").value(false));
	}

	@Test
	void evaluationWhenBreakGlassThenPermitWithObligations() throws Exception {
		evaluate("/access/v1/evaluation", evaluation("allergies", "emergency-care", "anaphylaxis, unconscious"))
			.andExpect(jsonPath("$.decision").value(true))
			.andExpect(jsonPath("$.context.reason").value("break-glass"))
			.andExpect(jsonPath("$.context.obligations", containsInAnyOrder("notify-subject", "review")));
	}

	@Test
	void evaluationWhenCategoryUnknownThenProblemNamingFieldAndAuditedAsError() throws Exception {
		evaluate("/access/v1/evaluation", evaluation("horoscope", "direct-care", null))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("resource.properties.category"));
		assertThat(errors()).isEqualTo(1);
	}

	@Test
	void evaluationWhenOrganisationIsNotTheCallerThenProblemAndAudited() throws Exception {
		String body = evaluation("medications", "direct-care", null).replace(this.gp.code(), "RR8X");
		evaluate("/access/v1/evaluation", body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("subject.properties.organisation"));
		assertThat(errors()).isEqualTo(1);
	}

	@Test
	void evaluationWhenOrgTypeIsNotTheTokensThenProblem() throws Exception {
		String body = evaluation("medications", "direct-care", null).replace("\"org_type\":\"gp\"",
				"\"org_type\":\"acute-hospital\"");
		evaluate("/access/v1/evaluation", body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("subject.properties.org_type"));
	}

	@Test
	void evaluationWhenMalformedJsonThenProblemAndAudited() throws Exception {
		evaluate("/access/v1/evaluation", "{\"subject\":").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
		evaluate("/access/v1/evaluation", "[]").andExpect(status().isBadRequest());
		assertThat(errors()).isEqualTo(2);
	}

	@Test
	void evaluationWhenActionIsNotReadThenProblem() throws Exception {
		evaluate("/access/v1/evaluation",
				evaluation("medications", "direct-care", null).replace("\"read\"", "\"write\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action.name"));
	}

	@Test
	void evaluationWhenUnexpectedMemberThenProblem() throws Exception {
		evaluate("/access/v1/evaluation",
				evaluation("medications", "direct-care", null).replaceFirst("\\{",
						"{\"record\":{\"text\":\"secret\"},"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("record"));
	}

	@Test
	void evaluationWhenHugeUnexpectedMemberNameThenProblemNotServerError() throws Exception {
		String name = "m".repeat(20_000);
		evaluate("/access/v1/evaluation", "{\"" + name + "\":1}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("m".repeat(60) + "..."));
		assertThat(errors()).isEqualTo(1);
	}

	@Test
	void evaluationWhenTokenLacksDecisionScopeThenForbidden() throws Exception {
		this.token = this.agencies.register(OrgType.GP, "identity").accessToken();
		evaluate("/access/v1/evaluation", evaluation("medications", "direct-care", null))
			.andExpect(status().isForbidden());
	}

	@Test
	void evaluationsWhenBatchThenEachDecidedWithDefaults() throws Exception {
		declareRelationship();
		String single = evaluation("medications", "direct-care", null);
		String defaults = single.substring(0, single.length() - 1);
		String body = defaults + ",\"evaluations\":[{}," + "{\"resource\":{\"type\":\"care-record\",\"id\":\""
				+ this.citizen + "\",\"properties\":{\"category\":\"sexual-health\",\"holder\":\"RR8\"}}},"
				+ "{\"context\":{\"purpose\":\"research\"}}," + "{\"resource\":{\"type\":\"care-record\",\"id\":\""
				+ this.citizen + "\",\"properties\":{\"category\":\"tarot\",\"holder\":\"RR8\"}}},"
				+ "{\"action\":{\"name\":\"delete\"}}]}";
		evaluate("/access/v1/evaluations", body).andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluations", hasSize(5)))
			.andExpect(jsonPath("$.evaluations[0].decision").value(true))
			.andExpect(jsonPath("$.evaluations[0].context.reason").value("implied-consent"))
			.andExpect(jsonPath("$.evaluations[1].decision").value(false))
			.andExpect(jsonPath("$.evaluations[1].context.reason").value("explicit-consent-required"))
			.andExpect(jsonPath("$.evaluations[2].context.reason").value("purpose-not-permitted"))
			.andExpect(jsonPath("$.evaluations[3].decision").value(false))
			.andExpect(jsonPath("$.evaluations[3].context.error.field")
				.value("evaluations[3].resource.properties.category"))
			.andExpect(jsonPath("$.evaluations[4].context.error.field").value("evaluations[4].action.name"));
		assertThat(errors()).isEqualTo(2);
	}

	@Test
	void evaluationsWhenNoEvaluationsThenDefaultsAreTheOneEvaluation() throws Exception {
		evaluate("/access/v1/evaluations", evaluation("medications", "direct-care", null)).andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluations", hasSize(1)))
			.andExpect(jsonPath("$.evaluations[0].context.reason").value("no-legitimate-relationship"));
	}

	@Test
	void evaluationsWhenOversizedThenProblemNamingEvaluations() throws Exception {
		List<String> items = new ArrayList<>();
		for (int i = 0; i <= AuthZenController.MAX_EVALUATIONS; i++) {
			items.add("{}");
		}
		String single = evaluation("medications", "direct-care", null);
		String body = single.substring(0, single.length() - 1) + ",\"evaluations\":[" + String.join(",", items) + "]}";
		evaluate("/access/v1/evaluations", body).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("evaluations"));
		Long decisions = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?" + " AND event_type = 'DECISION'", Long.class,
				this.gp.code());
		assertThat(decisions).isZero();
	}

	@Test
	void evaluationsWhenDenyOnFirstDenyThenStopAfterTheFirstDeny() throws Exception {
		declareRelationship();
		evaluate("/access/v1/evaluations", batch("deny_on_first_deny", "medications", "sexual-health", "allergies"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluations", hasSize(2)))
			.andExpect(jsonPath("$.evaluations[0].decision").value(true))
			.andExpect(jsonPath("$.evaluations[1].decision").value(false));
		assertThat(decisions()).as("the third was not decided").isEqualTo(2);
	}

	@Test
	void evaluationsWhenPermitOnFirstPermitThenStopAfterTheFirstPermit() throws Exception {
		declareRelationship();
		evaluate("/access/v1/evaluations", batch("permit_on_first_permit", "sexual-health", "medications", "allergies"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluations", hasSize(2)))
			.andExpect(jsonPath("$.evaluations[0].decision").value(false))
			.andExpect(jsonPath("$.evaluations[1].decision").value(true));
	}

	@Test
	void evaluationsWhenExecuteAllThenEveryEvaluationAnswered() throws Exception {
		declareRelationship();
		evaluate("/access/v1/evaluations", batch("execute_all", "medications", "sexual-health", "allergies"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.evaluations", hasSize(3)));
	}

	@Test
	void evaluationsWhenSemanticUnknownThenProblemNamingIt() throws Exception {
		evaluate("/access/v1/evaluations", batch("first_come_first_served", "medications"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("options.evaluations_semantic"));
		assertThat(decisions()).isZero();
	}

	@Test
	void evaluationWhenRequestIdGivenThenEchoedAndRecordedWithTheDecision() throws Exception {
		MvcResult result = this.mvc
			.perform(post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.header("X-Request-ID", "pep-req-0042")
				.contentType(MediaType.APPLICATION_JSON)
				.content(evaluation("medications", "TREAT", null)))
			.andExpect(status().isOk())
			.andExpect(header().string("X-Request-ID", "pep-req-0042"))
			.andReturn();
		String auditId = (String) ((Map<?, ?>) TestOAuth.json(result).get("context")).get("audit_id");
		assertThat(this.jdbc.queryForObject("SELECT request_id FROM audit_record WHERE seq = ?", String.class,
				Long.parseLong(auditId)))
			.isEqualTo("pep-req-0042");
	}

	@Test
	void evaluationWhenNoOrUnusableRequestIdThenOneIsCreated() throws Exception {
		for (String given : new String[] { null, "bad id with spaces" }) {
			var request = post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(evaluation("medications", "TREAT", null));
			if (given != null) {
				request.header("X-Request-ID", given);
			}
			MvcResult result = this.mvc.perform(request).andExpect(status().isOk()).andReturn();
			String created = result.getResponse().getHeader("X-Request-ID");
			assertThat(created).isNotBlank().isNotEqualTo(given).matches("[0-9a-f-]{36}");
			String auditId = (String) ((Map<?, ?>) TestOAuth.json(result).get("context")).get("audit_id");
			assertThat(this.jdbc.queryForObject("SELECT request_id FROM audit_record WHERE seq = ?", String.class,
					Long.parseLong(auditId)))
				.isEqualTo(created);
		}
	}

	@Test
	void authZenConfigurationWhenRequestedThenPdpMetadataWithoutToken() throws Exception {
		this.mvc.perform(get("/.well-known/authzen-configuration"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.policy_decision_point").value("http://localhost"))
			.andExpect(jsonPath("$.access_evaluation_endpoint").value("http://localhost/access/v1/evaluation"))
			.andExpect(jsonPath("$.access_evaluations_endpoint").value("http://localhost/access/v1/evaluations"))
			.andExpect(jsonPath("$.search_subject_endpoint").doesNotExist());
	}

	/** A batch with the given semantic, one evaluation per category, in order. */
	String batch(String semantic, String... categories) {
		String single = evaluation("medications", "direct-care", null);
		List<String> items = new ArrayList<>();
		for (String category : categories) {
			items.add("{\"resource\":{\"type\":\"care-record\",\"id\":\"" + this.citizen
					+ "\",\"properties\":{\"category\":\"" + category + "\",\"holder\":\"RR8\"}}}");
		}
		return single.substring(0, single.length() - 1) + ",\"options\":{\"evaluations_semantic\":\"" + semantic
				+ "\"},\"evaluations\":[" + String.join(",", items) + "]}";
	}

	long decisions() {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?" + " AND event_type = 'DECISION'", Long.class,
				this.gp.code());
		return (count != null) ? count : 0;
	}

	long errors() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?"
				+ " AND event_type = 'INVALID_REQUEST' AND decision = 'error'", Long.class, this.gp.code());
		return (count != null) ? count : 0;
	}

}
