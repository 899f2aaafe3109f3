package care.concord.server.security;

import java.util.List;
import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 findings 1 and 6: every administrator action is an {@code ADMIN_ACTION}
 * record in the hash chain (actor, target, what changed, never a secret) that IG officers
 * find in audit search; the last enabled administrator cannot be disabled or demoted.
 */
@ConcordIntegrationTest
class AdminActionAuditTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void adminActionsWhenPerformedThenAuditedWithActorTargetAndChangeButNoSecret() throws Exception {
		PersonView admin = this.people.admin();
		String token = this.people.accessToken(admin.username());
		String code = TestAgencies.randomCode();
		admin(token, post("/api/admin/agencies"), Map.of("code", code, "name", "Audit Trust", "org_type", "gp"))
			.andExpect(status().isCreated());
		String clientId = (String) TestOAuth
			.json(admin(token, post("/api/admin/agencies/" + code + "/clients"), Map.of("scopes", List.of("decision")))
				.andExpect(status().isCreated())
				.andReturn())
			.get("client_id");
		String secret = (String) TestOAuth
			.json(admin(token, post("/api/admin/agencies/" + code + "/clients/" + clientId + "/secret"), null)
				.andExpect(status().isOk())
				.andReturn())
			.get("client_secret");
		admin(token, put("/api/admin/agencies/" + code + "/clients/" + clientId),
				Map.of("client_name", "Audit Trust records", "grant_types", List.of("client_credentials"), "scopes",
						List.of("decision", "identity")))
			.andExpect(status().isOk());
		admin(token, put("/api/admin/agencies/" + code),
				Map.of("name", "Audit Trust", "org_type", "gp", "town", "Leeds"))
			.andExpect(status().isOk());
		admin(token, post("/api/admin/agencies/" + code + "/clients/" + clientId + "/disable"), null)
			.andExpect(status().isOk());
		admin(token, post("/api/admin/agencies/" + code + "/disable"), null).andExpect(status().isOk());
		String username = "audited-" + code.toLowerCase();
		admin(token, post("/api/admin/people"),
				Map.of("username", username, "password", TestPeople.PASSWORD, "roles", List.of("ig-officer")))
			.andExpect(status().isCreated());
		admin(token, put("/api/admin/people/" + username + "/roles"), Map.of("roles", List.of("admin")))
			.andExpect(status().isOk());
		admin(token, post("/api/admin/people/" + username + "/disable"), null).andExpect(status().isOk());
		admin(token, post("/api/admin/people/" + username + "/enable"), null).andExpect(status().isOk());
		String kid = (String) TestOAuth
			.json(admin(token, post("/api/admin/keys/rotate"), null).andExpect(status().isCreated()).andReturn())
			.get("kid");

		List<Map<String, Object>> records = this.jdbc.queryForList(
				"SELECT reason_code, details FROM audit_record WHERE event_type = 'ADMIN_ACTION' AND actor_username = ? "
						+ "ORDER BY seq",
				admin.username());
		assertThat(records).extracting((r) -> r.get("reason_code"))
			.containsExactly("agency-registered", "client-registered", "client-secret-rotated", "client-updated",
					"agency-updated", "client-disabled", "agency-disabled", "person-created", "person-roles-changed",
					"person-disabled", "person-enabled", "signing-key-rotated");
		assertThat(records.get(0).get("details").toString()).contains("\"target\":\"" + code + "\"");
		assertThat(records.get(2).get("details").toString()).contains(clientId).doesNotContain(secret);
		assertThat(records.get(3).get("details").toString()).contains("\"scopes_before\":\"decision\"")
			.contains("\"scopes\":\"decision identity\"")
			.doesNotContain(secret);
		assertThat(records.get(4).get("details").toString()).contains("\"town\":\"Leeds\"");
		assertThat(records.get(8).get("details").toString()).contains("\"roles\":\"admin\"");
		assertThat(records.get(11).get("details").toString()).contains(kid);
		// IG officers find them in audit search
		String officer = this.people.accessToken(this.people.create(List.of("ig-officer"), null).username());
		this.mvc
			.perform(get("/api/audit/records").param("eventType", "ADMIN_ACTION")
				.param("size", "200")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.records[?(@.reason_code == 'signing-key-rotated')]").exists());
		this.mvc.perform(get("/api/audit/verify").header(HttpHeaders.AUTHORIZATION, "Bearer " + officer))
			.andExpect(jsonPath("$.ok").value(true));
	}

	@Test
	void bootstrapAdminWhenCreatedAtStartThenAudited() {
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_record WHERE event_type = 'ADMIN_ACTION' "
						+ "AND reason_code = 'bootstrap-admin-created' AND details LIKE '%bootstrap-admin%'",
				Integer.class))
			.isPositive();
	}

	@Test
	void lastEnabledAdminWhenDisabledOrDemotedThenConflict() throws Exception {
		PersonView admin = this.people.admin();
		String token = this.people.accessToken(admin.username());
		List<String> others = this.jdbc.queryForList(
				"SELECT p.username FROM person p JOIN person_role r "
						+ "ON r.username = p.username WHERE r.role = 'admin' AND p.enabled = TRUE AND p.username <> ?",
				String.class, admin.username());
		this.jdbc.update("UPDATE person SET enabled = FALSE WHERE username IN (SELECT username FROM person_role "
				+ "WHERE role = 'admin') AND username <> ?", admin.username());
		try {
			admin(token, post("/api/admin/people/" + admin.username() + "/disable"), null)
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.code").value("conflict"));
			admin(token, put("/api/admin/people/" + admin.username() + "/roles"),
					Map.of("roles", List.of("ig-officer")))
				.andExpect(status().isConflict());
			this.mvc
				.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION,
						"Bearer " + token))
				.andExpect(jsonPath("$.enabled").value(true))
				.andExpect(jsonPath("$.roles[0]").value("admin"));
		}
		finally {
			for (String other : others) {
				this.jdbc.update("UPDATE person SET enabled = TRUE WHERE username = ?", other);
			}
		}
	}

	private ResultActions admin(String token, MockHttpServletRequestBuilder request, Object body) throws Exception {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(TestOAuth.toJson(body));
		}
		return this.mvc.perform(request);
	}

}
