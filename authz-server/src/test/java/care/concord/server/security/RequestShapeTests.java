package care.concord.server.security;

import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.policy.request.OrgType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 findings 7, 8 and 10: the issuer never comes from the {@code Host} header;
 * wildcard media types are 415 and {@code /error} is 404, not 500; strict JSON (unknown
 * members, duplicate keys, numbers for booleans) and one client authentication per
 * request.
 */
@ConcordIntegrationTest
class RequestShapeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Test
	void discoveryWhenHostHeaderForgedThenConfiguredIssuer() throws Exception {
		this.mvc.perform(get("/.well-known/openid-configuration").header(HttpHeaders.HOST, "evil.example"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.issuer").value("http://localhost"))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString("evil.example"))));
	}

	@Test
	void bodyWhenWildcardContentTypeThen415() throws Exception {
		for (String type : new String[] { "*/*", "application/*" }) {
			this.mvc
				.perform(post("/api/admin/people")
					.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken())
					.header(HttpHeaders.CONTENT_TYPE, type)
					.content("{}"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
			this.mvc.perform(post("/oauth2/token").header(HttpHeaders.CONTENT_TYPE, type).content("grant_type=x"))
				.andExpect(status().isUnsupportedMediaType())
				.andExpect(jsonPath("$.error").value("invalid_request"));
		}
	}

	@Test
	void queryWhenEscapesAreNotUtf8Then400() throws Exception {
		this.mvc.perform(get("/api/admin/people").queryParam("q", "x").with((request) -> {
			request.setQueryString("subject=%FF%FE");
			return request;
		}).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value("the query string is not valid percent-encoded UTF-8"));
		this.mvc.perform(get("/oauth2/jwks").with((request) -> {
			request.setQueryString("a=%C3%28");
			return request;
		})).andExpect(status().isBadRequest()).andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void errorPathWhenRequestedDirectlyThen404() throws Exception {
		this.mvc.perform(get("/error")).andExpect(status().isNotFound());
	}

	@Test
	void jsonWhenUnknownMemberDuplicateKeyOrNumberForBooleanThenProblemNamingTheMember() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		this.mvc
			.perform(put("/api/me/opt-out").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"national_data_opt_out\": -1}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("national_data_opt_out"));
		this.mvc
			.perform(put("/api/me/opt-out").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"national_data_opt_out\": false, \"national_data_opt_out\": true}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("national_data_opt_out"));
		this.mvc.perform(get("/api/me/opt-out").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(jsonPath("$.national_data_opt_out").value(false));
		this.mvc
			.perform(post("/api/admin/people").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(Map.of("username", "strict-json-user", "password", "a-long-enough-password",
						"roles", java.util.List.of("admin"), "is_superuser", true))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("is_superuser"))
			.andExpect(jsonPath("$.detail").value("is_superuser: unknown member"));
		this.mvc
			.perform(get("/api/admin/people/strict-json-user").header(HttpHeaders.AUTHORIZATION,
					"Bearer " + this.people.adminToken()))
			.andExpect(status().isNotFound());
	}

	@Test
	void tokenWhenTwoAuthorizationHeadersOrCredentialsTwiceThenInvalidRequest() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		String basic = TestOAuth.basic(gp.clientId(), gp.clientSecret());
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic, basic)
				.param("grant_type", "client_credentials"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic)
				.param("grant_type", "client_credentials")
				.param("client_id", gp.clientId())
				.param("client_secret", gp.clientSecret()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic)
				.param("grant_type", "client_credentials"))
			.andExpect(status().isOk());
	}

}
