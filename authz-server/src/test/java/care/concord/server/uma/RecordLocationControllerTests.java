package care.concord.server.uma;

import java.sql.Connection;
import java.sql.Statement;

import javax.sql.DataSource;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestAgencies.TestAgency;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Record location over HTTP: holders of registered resources, each decided with category
 * {@code record-location}.
 */
@ConcordIntegrationTest
class RecordLocationControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcOperations jdbc;

	@Autowired
	DataSource dataSource;

	TestAgency hospital;

	TestAgency community;

	TestAgency gp;

	String citizen;

	@BeforeEach
	void holders() throws Exception {
		this.citizen = TestNhsNumbers.next();
		this.hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		this.community = this.agencies.register(OrgType.COMMUNITY_HEALTH, "uma_protection");
		register(this.hospital, "medications");
		register(this.hospital, "test-results");
		register(this.community, "care-plan");
		this.gp = this.agencies.register(OrgType.GP, "record_location", "decision");
	}

	void register(TestAgency agency, String category) throws Exception {
		this.mvc
			.perform(post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"x\",\"type\":\"" + category + "\",\"resource_scopes\":[\"read\"],\"subject\":\""
						+ this.citizen + "\"}"))
			.andExpect(status().isCreated());
	}

	ResultActions locate(String token, String query) throws Exception {
		return this.mvc
			.perform(get("/uma/record-location?" + query).header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
	}

	long decisions(String decision, String reason) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?"
						+ " AND subject_nhs_number = ? AND event_type = 'DECISION' AND category = 'record-location'"
						+ " AND decision = ? AND reason_code = ?",
				Long.class, this.gp.code(), this.citizen, decision, reason);
		return (count != null) ? count : 0;
	}

	@Test
	void locateWhenCareRelationshipThenEveryHolderListedAndEachDecisionAudited() throws Exception {
		this.mvc
			.perform(post("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + this.citizen + "\"}"))
			.andExpect(status().isCreated());
		locate(this.gp.accessToken("record_location"),
				"subject=" + this.citizen + "&purpose=direct-care&role=clinician")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value(this.citizen))
			.andExpect(jsonPath("$.locations", hasSize(2)))
			.andExpect(jsonPath("$.locations[?(@.organisation == '" + this.hospital.code() + "')].org_type")
				.value("acute-hospital"))
			.andExpect(jsonPath("$.locations[?(@.organisation == '" + this.hospital.code() + "')].categories[*]",
					containsInAnyOrder("medications", "test-results")));
		assertThat(decisions("permit", "implied-consent")).isEqualTo(2);
	}

	@Test
	void locateWhenDecisionsCannotBeAuditedThen503AndNoLocation() throws Exception {
		try (Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			// another transaction holds the chain head: no audit record can be appended
			// meanwhile
			try (Statement lock = holder.createStatement()) {
				lock.executeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").close();
			}
			locate(this.gp.accessToken("record_location"),
					"subject=" + this.citizen + "&purpose=direct-care&role=clinician")
				.andExpect(status().isServiceUnavailable())
				.andExpect(jsonPath("$.status").value(503))
				.andExpect(jsonPath("$.locations").doesNotExist());
			holder.rollback();
		}
	}

	@Test
	void locateWhenNoRelationshipThenHoldersFilteredOutAndDenialsAudited() throws Exception {
		this.mvc
			.perform(get("/uma/record-location?subject=" + this.citizen)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken("record_location"))
				.header("X-Purpose-Of-Use", "TREAT")
				.header("X-Practitioner-Role", "clinician"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locations", hasSize(0)));
		assertThat(decisions("deny", "no-legitimate-relationship")).isEqualTo(2);
	}

	@Test
	void locateWhenSubjectInvalidThenProblemAndAuditedAsError() throws Exception {
		locate(this.gp.accessToken("record_location"), "subject=1234567890&purpose=direct-care&role=clinician")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
		Long errors = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?" + " AND event_type = 'INVALID_REQUEST'",
				Long.class, this.gp.code());
		assertThat(errors).isEqualTo(1);
	}

	@Test
	void locateWhenPurposeMissingThenProblemNamingIt() throws Exception {
		locate(this.gp.accessToken("record_location"), "subject=" + this.citizen + "&role=clinician")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("request.purpose"));
	}

	@Test
	void locateWhenNoResourcesRegisteredThenEmptyAndAudited() throws Exception {
		String stranger = TestNhsNumbers.next();
		locate(this.gp.accessToken("record_location"), "subject=" + stranger + "&purpose=direct-care&role=clinician")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locations", hasSize(0)));
		Long audited = this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE subject_nhs_number = ?"
				+ " AND reason_code = 'no-record-locations'", Long.class, stranger);
		assertThat(audited).isEqualTo(1);
	}

	@Test
	void locateWhenTokenLacksRecordLocationScopeThenForbidden() throws Exception {
		locate(this.gp.accessToken("decision"), "subject=" + this.citizen + "&purpose=direct-care&role=clinician")
			.andExpect(status().isForbidden());
	}

}
