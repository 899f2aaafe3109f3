package care.concord.server.security;

import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 findings 2, 5 and 9: failed sign-ins delay and then lock the account
 * (audited, visible to and lifted by administrators); repeated failed client
 * authentication answers 429 with {@code Retry-After}; sign-ins and failed client
 * authentications are audited (the latter once per client and minute); naming a proxy
 * does not reveal accounts; FHIR import errors name no parser internals.
 */
@ConcordIntegrationTest
class BruteForceAndDisclosureTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void loginWhenRepeatedWrongPasswordsThenDelayedThenLockedUntilAdminUnlocks() throws Exception {
		PersonView person = this.people.citizen(TestNhsNumbers.next());
		String username = person.username();
		for (int i = 0; i < 3; i++) {
			assertThat(login(username, "wrong-password-" + i)).isEqualTo("/login?error");
		}
		// the third failure makes the account wait: even the right password is refused,
		// unchecked
		MvcResult delayed = signIn(username, TestPeople.PASSWORD);
		assertThat(delayed.getResponse().getRedirectedUrl()).isEqualTo("/login?error");
		assertThat(delayed.getResponse().getHeader(HttpHeaders.RETRY_AFTER)).isNotBlank();
		for (int i = 3; i < 10; i++) {
			passTheDelay(username);
			assertThat(login(username, "wrong-password-" + i)).isEqualTo("/login?error");
		}
		String admin = this.people.adminToken();
		this.mvc
			.perform(get("/api/admin/people/" + username + "/lockout").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locked").value(true))
			.andExpect(jsonPath("$.failed_logins").value(10));
		assertThat(login(username, TestPeople.PASSWORD)).isEqualTo("/login?error");
		assertThat(this.jdbc.queryForList("SELECT reason_code FROM audit_record WHERE event_type = 'AUTHENTICATION' "
				+ "AND actor_username = ? ORDER BY seq", String.class, username))
			.containsExactly("login-failed", "login-failed", "login-failed", "login-failed", "login-failed",
					"login-failed", "login-failed", "login-failed", "login-failed", "login-failed", "account-locked");
		this.mvc
			.perform(post("/api/admin/people/" + username + "/unlock").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + admin))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.locked").value(false));
		assertThat(login(username, TestPeople.PASSWORD)).doesNotContain("error");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE event_type = 'AUTHENTICATION' "
				+ "AND actor_username = ? AND reason_code = 'login-succeeded'", Integer.class, username))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_record WHERE event_type = 'ADMIN_ACTION' "
						+ "AND reason_code = 'person-unlocked' AND details LIKE ?",
				Integer.class, "%" + username + "%"))
			.isEqualTo(1);
	}

	@Test
	void clientAuthenticationWhenRepeatedWrongSecretsThen429WithRetryAfterAndOneAuditRecord() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		for (int i = 0; i < 10; i++) {
			this.mvc
				.perform(post("/oauth2/token")
					.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), "wrong-" + i))
					.param("grant_type", "client_credentials"))
				.andExpect(status().isUnauthorized());
		}
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", "x"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists(HttpHeaders.RETRY_AFTER))
			.andExpect(jsonPath("$.error").value("temporarily_unavailable"));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_record WHERE event_type = 'AUTHENTICATION' "
						+ "AND actor_client_id = ? AND reason_code = 'client-authentication-failed'",
				Integer.class, gp.clientId()))
			.isEqualTo(1);
	}

	@Test
	void proxyWhenUnknownOrStaffAccountNamedThenSameAnswer() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		String officer = this.people.create(List.of("ig-officer"), null).username();
		String unknown = name(citizen, "nobody-" + System.nanoTime());
		String staff = name(citizen, officer);
		assertThat(staff).isEqualTo(unknown);
	}

	@Test
	void fhirImportWhenBodyUnreadableThenPlainWordsWithoutParserInternals() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		for (String body : List.of("{\"resourceType\": \"Consent\", \"status\": \"active\"} trailing",
				"{\"resourceType\": \"Consent\", \"status\": \"active\", \"bogus\": 1}",
				"{\"resourceType\": \"Consent\", \"status\": 42}")) {
			String answer = this.mvc
				.perform(put("/api/me/consent.fhir").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
					.contentType(MediaType.parseMediaType("application/fhir+json"))
					.content(body))
				.andExpect(status().isBadRequest())
				.andReturn()
				.getResponse()
				.getContentAsString();
			assertThat(answer).doesNotContain("HAPI")
				.doesNotContain("Jackson")
				.doesNotContain("FAIL_ON")
				.doesNotContain("Exception")
				.contains("not a valid FHIR R4 Consent resource");
		}
	}

	/** The problem's detail and field for naming that username as proxy. */
	private String name(String citizen, String username) throws Exception {
		Map<String, Object> problem = TestOAuth.json(this.mvc
			.perform(post("/api/me/proxies").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(Map.of("username", username))))
			.andExpect(status().isBadRequest())
			.andReturn());
		return problem.get("detail") + " " + problem.get("errors");
	}

	private void passTheDelay(String username) {
		this.jdbc.update("UPDATE person SET locked_until = NULL WHERE username = ?", username);
	}

	private String login(String username, String password) throws Exception {
		return signIn(username, password).getResponse().getRedirectedUrl();
	}

	private MvcResult signIn(String username, String password) throws Exception {
		return this.mvc.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
	}

}
