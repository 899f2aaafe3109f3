package care.concord.server.relationship;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Declared care relationships over HTTP, and {@link CareRelationships} answering from
 * declarations and registered resources.
 */
@ConcordIntegrationTest
class RelationshipControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	CareRelationships relationships;

	@Autowired
	JdbcOperations jdbc;

	TestAgency gp;

	String citizen;

	@BeforeEach
	void agency() {
		this.gp = this.agencies.register(OrgType.GP, "decision");
		this.citizen = TestNhsNumbers.next();
	}

	ResultActions send(MockHttpServletRequestBuilder request, String token, String body) throws Exception {
		return this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body));
	}

	long audited(String code) {
		Long count = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE holder = ?"
						+ " AND subject_nhs_number = ? AND event_type = 'REGISTRATION_CHANGE' AND reason_code = ?",
				Long.class, this.gp.code(), this.citizen, code);
		return (count != null) ? count : 0;
	}

	@Test
	void declareThenEndWhenCalledThenRelationshipFollowsAndIsAudited() throws Exception {
		String token = this.gp.accessToken();
		String body = "{\"subject\":\"" + this.citizen + "\"}";
		send(post("/api/relationships"), token, body).andExpect(status().isCreated())
			.andExpect(jsonPath("$.organisation").value(this.gp.code()))
			.andExpect(jsonPath("$.declared").value(true));
		assertThat(this.relationships.exists(this.gp.code(), NhsNumber.parse(this.citizen))).isTrue();
		send(post("/api/relationships"), token, body).andExpect(status().isOk());
		send(delete("/api/relationships"), token, body).andExpect(status().isOk())
			.andExpect(jsonPath("$.declared").value(false));
		assertThat(this.relationships.exists(this.gp.code(), NhsNumber.parse(this.citizen))).isFalse();
		send(delete("/api/relationships"), token, body).andExpect(status().isNotFound());
		assertThat(audited("care-relationship-declared")).isEqualTo(1);
		assertThat(audited("care-relationship-ended")).isEqualTo(1);
	}

	@Test
	void declareWhenNhsNumberInvalidThenProblemNamingSubject() throws Exception {
		send(post("/api/relationships"), this.gp.accessToken(), "{\"subject\":\"9434765918\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("subject"));
		send(post("/api/relationships"), this.gp.accessToken(), "{\"subject\":\"" + this.citizen + "\",\"x\":1}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("x"));
	}

	@Test
	void declareWhenTokenLacksScopeThenForbidden() throws Exception {
		String token = this.agencies.register(OrgType.GP, "identity").accessToken();
		send(post("/api/relationships"), token, "{\"subject\":\"" + this.citizen + "\"}")
			.andExpect(status().isForbidden());
	}

	@Test
	void existsWhenResourceRegisteredThenRelationshipWithoutDeclaration() throws Exception {
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		assertThat(this.relationships.exists(hospital.code(), NhsNumber.parse(this.citizen))).isFalse();
		send(post("/uma/resource_set"), hospital.accessToken(), "{\"name\":\"x\",\"type\":\"summary\","
				+ "\"resource_scopes\":[\"read\"],\"subject\":\"" + this.citizen + "\"}")
			.andExpect(status().isCreated());
		assertThat(this.relationships.exists(hospital.code(), NhsNumber.parse(this.citizen))).isTrue();
		assertThat(this.relationships.exists(this.gp.code(), NhsNumber.parse(this.citizen))).isFalse();
	}

}
