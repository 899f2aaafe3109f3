package care.concord.server.people;

import java.util.List;
import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The people admin API, password storage and the bootstrap administrator.
 */
@ConcordIntegrationTest
class PeopleAdminControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	PeopleService peopleService;

	@Autowired
	care.concord.server.TestAgencies agencies;

	String adminToken;

	@BeforeEach
	void admin() {
		this.adminToken = this.people.adminToken();
	}

	@Test
	void createWhenCitizenWithSpacedNhsNumberThenNormalisedAndPasswordHashedSlowly() throws Exception {
		String nhs = TestNhsNumbers.next();
		String spaced = nhs.substring(0, 3) + " " + nhs.substring(3, 6) + " " + nhs.substring(6);
		String username = "citizen-" + nhs;
		perform(post("/api/admin/people"),
				Map.of("username", username, "password", "a long enough password", "roles", List.of("citizen"),
						"nhs_number", spaced))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.nhs_number").value(nhs))
			.andExpect(jsonPath("$.roles[0]").value("citizen"))
			.andExpect(jsonPath("$.password").doesNotExist());
		String hash = this.jdbc.queryForObject("SELECT password_hash FROM person WHERE username = ?", String.class,
				username);
		assertThat(hash).startsWith("{argon2}$argon2id$").doesNotContain("a long enough password");
		perform(get("/api/admin/people"), null).andExpect(jsonPath("$[*].username", hasItem(username)));
	}

	@Test
	void resetPasswordWhenAdminThenNewPasswordSignsInOldDoesNotAndResetIsAudited() throws Exception {
		PersonView person = this.people.create(List.of("ig-officer"), null);
		perform(put("/api/admin/people/" + person.username() + "/password"), Map.of("password", "short"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("password"));
		perform(put("/api/admin/people/" + person.username() + "/password"),
				Map.of("password", "a brand new long password"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.username").value(person.username()))
			.andExpect(jsonPath("$.password").doesNotExist());
		this.people.login(person.username(), "a brand new long password");
		assertThatThrownBy(() -> this.people.login(person.username(), TestPeople.PASSWORD))
			.isInstanceOf(IllegalStateException.class);
		Integer audited = this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_record WHERE event_type = 'ADMIN_ACTION' "
						+ "AND reason_code = 'password-reset' AND details LIKE ? AND details NOT LIKE ?",
				Integer.class, "%\"" + person.username() + "\"%", "%a brand new%");
		assertThat(audited).isEqualTo(1);
		perform(put("/api/admin/people/nobody-at-all/password"), Map.of("password", "a brand new long password"))
			.andExpect(status().isNotFound());
	}

	@Test
	void createWhenCitizenNhsNumberInvalidOrMissingThenValidationProblem() throws Exception {
		perform(post("/api/admin/people"),
				Map.of("username", "c-bad-nhs", "password", "a long enough password", "roles", List.of("citizen"),
						"nhs_number", "9434765918"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("nhs_number"));
		perform(post("/api/admin/people"),
				Map.of("username", "c-no-nhs", "password", "a long enough password", "roles", List.of("citizen")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nhs_number"));
		perform(post("/api/admin/people"),
				Map.of("username", "officer-with-nhs", "password", "a long enough password", "roles",
						List.of("ig-officer"), "nhs_number", TestNhsNumbers.next()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("nhs_number"));
	}

	@Test
	void createWhenInvalidFieldsThenValidationProblem() throws Exception {
		perform(post("/api/admin/people"), Map.of("username", "x", "password", "short", "roles", List.of("ig-officer")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.length()").value(2));
		perform(post("/api/admin/people"),
				Map.of("username", "role-typo", "password", "a long enough password", "roles", List.of("superuser")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("roles"));
	}

	@Test
	void createWhenDuplicateUsernameOrNhsNumberThenConflict() throws Exception {
		PersonView citizen = this.people.citizen(TestNhsNumbers.next());
		perform(post("/api/admin/people"),
				Map.of("username", citizen.username(), "password", "a long enough password", "roles",
						List.of("ig-officer")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("already-exists"));
		perform(post("/api/admin/people"), Map.of("username", "second-account", "password", "a long enough password",
				"roles", List.of("citizen"), "nhs_number", citizen.nhsNumber()))
			.andExpect(status().isConflict());
	}

	@Test
	void setRolesWhenOfficerMadeAdminThenNewTokensCarryRole() throws Exception {
		PersonView officer = this.people.create(List.of("ig-officer"), null);
		perform(put("/api/admin/people/" + officer.username() + "/roles"),
				Map.of("roles", List.of("ig-officer", "admin")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.roles.length()").value(2));
		assertThat(TestOAuth.jwtClaims(this.people.accessToken(officer.username()))).containsEntry("roles",
				List.of("admin", "ig-officer"));
	}

	@Test
	void disableWhenDisabledThenLoginRefused() throws Exception {
		PersonView officer = this.people.create(List.of("ig-officer"), null);
		perform(post("/api/admin/people/" + officer.username() + "/disable"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc
			.perform(post("/login").param("username", officer.username())
				.param("password", TestPeople.PASSWORD)
				.with(csrf()))
			.andExpect(header().string(HttpHeaders.LOCATION, "/login?error"));
	}

	@Test
	void disableWhenPersonHasTokenThenTokenInactiveAndRefusedByApi() throws Exception {
		PersonView admin = this.people.admin();
		String token = this.people.accessToken(admin.username());
		this.mvc
			.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk());
		perform(post("/api/admin/people/" + admin.username() + "/disable"), null).andExpect(status().isOk());
		this.mvc
			.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
		care.concord.server.TestAgencies.TestAgency rs = this.agencies.register(care.concord.policy.request.OrgType.GP);
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(rs.clientId(), rs.clientSecret()))
				.param("token", token))
			.andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void getWhenUnknownThenNotFoundProblem() throws Exception {
		perform(get("/api/admin/people/nobody-here"), null).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void peopleApiWhenCitizenTokenThenForbidden() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		this.mvc.perform(get("/api/admin/people").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void bootstrapAdminWhenConfiguredThenCreatedOnceAndCanSignIn() throws Exception {
		PersonView bootstrap = this.peopleService.get("bootstrap-admin");
		assertThat(bootstrap.roles()).containsExactly("admin");
		assertThat(new BootstrapAdmin(this.peopleService, "another-admin", "another-password").createIfNeeded())
			.isFalse();
		this.people.login("bootstrap-admin", "bootstrap-admin-password");
	}

	private ResultActions perform(MockHttpServletRequestBuilder request, Object body) throws Exception {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.adminToken);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(TestOAuth.toJson(body));
		}
		return this.mvc.perform(request);
	}

}
