package care.concord.server.agency;

import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasLength;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The agencies admin API: registration, clients, secrets, enable/disable, and its problem
 * details.
 */
@ConcordIntegrationTest
class AgencyAdminControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcTemplate jdbc;

	String adminToken;

	@BeforeEach
	void admin() {
		this.adminToken = this.people.adminToken();
	}

	@Test
	void registerWhenValidThenCreatedAndListed() throws Exception {
		String code = TestAgencies.randomCode();
		perform(post("/api/admin/agencies"), Map.of("code", code, "name", "Riverside Surgery", "org_type", "gp"))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, "/api/admin/agencies/" + code))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.org_type").value("gp"))
			.andExpect(jsonPath("$.enabled").value(true));
		perform(get("/api/admin/agencies"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code", hasItem(code)));
		perform(get("/api/admin/agencies/" + code), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Riverside Surgery"));
	}

	@Test
	void updateWhenNameAndTypeChangedThenShownAndAuditedWithBeforeAndAfter() throws Exception {
		String code = TestAgencies.randomCode();
		perform(post("/api/admin/agencies"), Map.of("code", code, "name", "Riverside Surgery", "org_type", "gp"))
			.andExpect(status().isCreated());
		perform(put("/api/admin/agencies/" + code),
				Map.of("name", "Riverside Health Centre", "org_type", "community-health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.name").value("Riverside Health Centre"))
			.andExpect(jsonPath("$.org_type").value("community-health"));
		String details = this.jdbc.queryForObject(
				"SELECT details FROM audit_record "
						+ "WHERE event_type = 'ADMIN_ACTION' AND reason_code = 'agency-updated' AND details LIKE ?",
				String.class, "%\"" + code + "\"%");
		assertThat(details).contains("\"name_before\":\"Riverside Surgery\"")
			.contains("\"org_type_before\":\"gp\"")
			.contains("\"name\":\"Riverside Health Centre\"")
			.contains("\"org_type\":\"community-health\"");
		perform(put("/api/admin/agencies/NOSUCH9"), Map.of("name", "x", "org_type", "gp"))
			.andExpect(status().isNotFound());
	}

	@Test
	void updateWhenTownGivenThenShownInDirectoryAndAuditedAndBlankRemovesIt() throws Exception {
		String code = TestAgencies.randomCode();
		perform(post("/api/admin/agencies"),
				Map.of("code", code, "name", "Chapel Surgery", "org_type", "gp", "town", "Otley"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.town").value("Otley"));
		perform(put("/api/admin/agencies/" + code),
				Map.of("name", "Chapel Surgery", "org_type", "gp", "town", "  Ilkley "))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.town").value("Ilkley"));
		perform(get("/api/directory/agencies").param("q", "ilkley"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.code == '" + code + "')].town").value("Ilkley"));
		String details = this.jdbc.queryForObject(
				"SELECT details FROM audit_record "
						+ "WHERE event_type = 'ADMIN_ACTION' AND reason_code = 'agency-updated' AND details LIKE ?",
				String.class, "%\"" + code + "\"%");
		assertThat(details).contains("\"town_before\":\"Otley\"").contains("\"town\":\"Ilkley\"");
		perform(put("/api/admin/agencies/" + code), Map.of("name", "Chapel Surgery", "org_type", "gp", "town", ""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.town").doesNotExist());
		perform(put("/api/admin/agencies/" + code), Map.of("name", "", "org_type", "gp", "town", "x".repeat(101)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'town')]").exists());
	}

	@Test
	void updateClientWhenRedirectUrisScopesAndNameChangedThenStoredUsedAndAuditedWithBeforeAndAfter() throws Exception {
		TestAgency app = this.agencies.agency(OrgType.GP)
			.scopes("decision")
			.grantTypes("client_credentials", "authorization_code")
			.redirectUris("https://app.example/callback")
			.register();
		String path = "/api/admin/agencies/" + app.code() + "/clients/" + app.clientId();
		perform(put(path), Map.of("client_name", "Chapel Surgery records app", "grant_types",
				List.of("client_credentials", "authorization_code"), "scopes", List.of("decision", "record_location"),
				"redirect_uris", List.of("https://app.example/callback-2"), "require_consent", true))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.client_id").value(app.clientId()))
			.andExpect(jsonPath("$.client_name").value("Chapel Surgery records app"))
			.andExpect(jsonPath("$.scopes[1]").value("record_location"))
			.andExpect(jsonPath("$.redirect_uris[0]").value("https://app.example/callback-2"))
			.andExpect(jsonPath("$.require_consent").value(true))
			.andExpect(jsonPath("$.token_endpoint_auth_method").value("client_secret_basic"))
			.andExpect(jsonPath("$.client_secret").doesNotExist());
		perform(get("/api/admin/agencies/" + app.code() + "/clients"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$[0].redirect_uris[0]").value("https://app.example/callback-2"));
		// the old redirect URI is refused at once; the new scope is granted; the secret
		// still works
		this.mvc
			.perform(get("/oauth2/authorize").param("response_type", "code")
				.param("client_id", app.clientId())
				.param("redirect_uri", "https://app.example/callback")
				.param("scope", "decision")
				.param("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
				.param("code_challenge_method", "S256"))
			.andExpect(status().isBadRequest());
		assertThat(TestOAuth
			.jwtClaims(this.agencies.clientCredentialsToken(app.clientId(), app.clientSecret(), "record_location")))
			.containsEntry("client_id", app.clientId());
		String details = this.jdbc.queryForObject(
				"SELECT details FROM audit_record "
						+ "WHERE event_type = 'ADMIN_ACTION' AND reason_code = 'client-updated' AND details LIKE ?",
				String.class, "%\"" + app.code() + "/" + app.clientId() + "\"%");
		assertThat(details).contains("\"redirect_uris_before\":\"https://app.example/callback\"")
			.contains("\"redirect_uris\":\"https://app.example/callback-2\"")
			.contains("\"scopes_before\":\"decision\"")
			.contains("\"scopes\":\"decision record_location\"")
			.contains("\"client_name\":\"Chapel Surgery records app\"")
			.doesNotContain(app.clientSecret());
	}

	@Test
	void updateClientWhenInvalidThenValidationProblemAndNothingChanged() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP);
		String path = "/api/admin/agencies/" + gp.code() + "/clients/" + gp.clientId();
		perform(put(path), Map.of("client_name", "", "grant_types", List.of(), "scopes", List.of()))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[?(@.field == 'client_name')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'grant_types')]").exists())
			.andExpect(jsonPath("$.errors[?(@.field == 'scopes')]").exists());
		perform(put(path),
				Map.of("client_name", "GP", "grant_types", List.of("client_credentials"), "scopes", List.of("decision"),
						"redirect_uris", List.of("https://app.example/cb")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"));
		perform(put(path),
				Map.of("client_name", "GP", "grant_types", List.of("client_credentials", "authorization_code"),
						"scopes", List.of("decision"), "redirect_uris", List.of("http://evil.example/cb")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("https")));
		perform(put(path),
				Map.of("client_name", "GP", "grant_types", List.of("client_credentials"), "scopes",
						List.of("everything")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("scopes"));
		perform(put("/api/admin/agencies/" + gp.code() + "/clients/nosuch-client"), Map.of("client_name", "GP",
				"grant_types", List.of("client_credentials"), "scopes", List.of("decision")))
			.andExpect(status().isNotFound());
		perform(get(path), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.scopes.length()").value(gp.scopes().size()))
			.andExpect(jsonPath("$.redirect_uris.length()").value(0));
	}

	@Test
	void registerWhenDuplicateThenConflictProblem() throws Exception {
		String code = TestAgencies.randomCode();
		Map<String, Object> body = Map.of("code", code, "name", "Trust", "org_type", "acute-hospital");
		perform(post("/api/admin/agencies"), body).andExpect(status().isCreated());
		perform(post("/api/admin/agencies"), body).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("already-exists"))
			.andExpect(jsonPath("$.status").value(409));
	}

	@Test
	void registerWhenInvalidFieldsThenValidationProblem() throws Exception {
		perform(post("/api/admin/agencies"), Map.of("code", "x!", "name", "N", "org_type", "gp"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("code"));
		perform(post("/api/admin/agencies"),
				Map.of("code", TestAgencies.randomCode(), "name", "N", "org_type", "hospital"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("org_type"));
		perform(post("/api/admin/agencies"), Map.of("code", TestAgencies.randomCode(), "org_type", "gp"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
	}

	@Test
	void registerWhenMalformedJsonThenBadRequestProblem() throws Exception {
		this.mvc
			.perform(post("/api/admin/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.adminToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"code\": \"ABC\", "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
	}

	@Test
	void getWhenUnknownThenNotFoundProblem() throws Exception {
		perform(get("/api/admin/agencies/NOSUCH1"), null).andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("not-found"))
			.andExpect(jsonPath("$.instance").value("/api/admin/agencies/NOSUCH1"));
	}

	@Test
	void addClientWhenSecretMethodThenSecretShownOnceAndStoredAsDigest() throws Exception {
		String code = TestAgencies.randomCode();
		perform(post("/api/admin/agencies"), Map.of("code", code, "name", "Social care", "org_type", "social-care"))
			.andExpect(status().isCreated());
		MvcResult created = perform(post("/api/admin/agencies/" + code + "/clients"),
				Map.of("scopes", List.of("decision", "record_location")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.token_endpoint_auth_method").value("client_secret_basic"))
			.andExpect(jsonPath("$.client_secret", hasLength(43)))
			.andReturn();
		String clientId = (String) TestOAuth.json(created).get("client_id");
		String secret = (String) TestOAuth.json(created).get("client_secret");
		String stored = this.jdbc.queryForObject(
				"SELECT client_secret FROM oauth2_registered_client WHERE client_id = ?", String.class, clientId);
		assertThat(stored).startsWith("{sha256}").doesNotContain(secret).hasSize("{sha256}".length() + 64);
		perform(get("/api/admin/agencies/" + code + "/clients/" + clientId), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.client_secret").doesNotExist());
		String token = this.agencies.clientCredentialsToken(clientId, secret, "decision");
		assertThat(TestOAuth.jwtClaims(token)).containsEntry("org_type", "social-care").containsEntry("org_code", code);
	}

	@Test
	void rotateSecretWhenRotatedThenOldSecretRefused() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP);
		MvcResult rotated = perform(post("/api/admin/agencies/" + gp.code() + "/clients/" + gp.clientId() + "/secret"),
				null)
			.andExpect(status().isOk())
			.andReturn();
		String newSecret = (String) TestOAuth.json(rotated).get("client_secret");
		assertThat(newSecret).isNotEqualTo(gp.clientSecret()).hasSize(43);
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
		assertThat(this.agencies.clientCredentialsToken(gp.clientId(), newSecret, "decision")).isNotBlank();
	}

	@Test
	void addClientWhenInvalidRegistrationThenValidationProblem() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP);
		String clients = "/api/admin/agencies/" + gp.code() + "/clients";
		perform(post(clients), Map.of("scopes", List.of("everything"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("scopes"));
		perform(post(clients), Map.of("scopes", List.of("decision"), "grant_types", List.of("authorization_code")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"));
		perform(post(clients),
				Map.of("scopes", List.of("decision"), "grant_types", List.of("authorization_code"), "redirect_uris",
						List.of("http://evil.example/cb")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"));
		perform(post(clients), Map.of("scopes", List.of("decision"), "token_endpoint_auth_method", "private_key_jwt"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("jwks"));
		perform(post(clients), Map.of("scopes", List.of("decision"), "client_id", gp.clientId()))
			.andExpect(status().isConflict());
		perform(post(clients), Map.of()).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("scopes"));
	}

	@Test
	void updateWhenValidThenTypeChangesInNewTokens() throws Exception {
		TestAgency agency = this.agencies.register(OrgType.COMMUNITY_HEALTH);
		perform(put("/api/admin/agencies/" + agency.code()), Map.of("name", "Renamed", "org_type", "ambulance"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.org_type").value("ambulance"));
		assertThat(TestOAuth.jwtClaims(agency.accessToken())).containsEntry("org_type", "ambulance");
	}

	@Test
	void disableWhenAgencyDisabledThenNoTokenAndExistingTokensInactive() throws Exception {
		TestAgency agency = this.agencies.register(OrgType.MENTAL_HEALTH_TRUST);
		TestAgency other = this.agencies.register(OrgType.GP);
		String token = agency.accessToken();
		perform(post("/api/admin/agencies/" + agency.code() + "/disable"), null).andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(agency.clientId(), agency.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(other.clientId(), other.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false))
			.andExpect(jsonPath("$.org_code").doesNotExist());
		perform(post("/api/admin/agencies/" + agency.code() + "/enable"), null).andExpect(status().isOk());
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(agency.clientId(), agency.clientSecret()))
				.param("token", token))
			.andExpect(jsonPath("$.active").value(true));
	}

	@Test
	void disableClientWhenDisabledThenThatClientGetsNoToken() throws Exception {
		TestAgency agency = this.agencies.register(OrgType.RESEARCH);
		perform(post("/api/admin/agencies/" + agency.code() + "/clients/" + agency.clientId() + "/disable"), null)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.enabled").value(false));
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(agency.clientId(), agency.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void adminApiWhenNoTokenThenUnauthorizedProblem() throws Exception {
		this.mvc.perform(get("/api/admin/agencies"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("unauthenticated"));
		this.mvc.perform(get("/api/admin/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer not-a-jwt"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void adminApiWhenCitizenTokenThenForbiddenProblem() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		this.mvc.perform(get("/api/admin/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("forbidden"));
	}

	@Test
	void adminApiWhenAgencyTokenThenForbiddenProblem() throws Exception {
		String token = this.agencies.register(OrgType.GP).accessToken();
		this.mvc.perform(get("/api/admin/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions perform(MockHttpServletRequestBuilder request, Object body) throws Exception {
		request.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.adminToken);
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).content(TestOAuth.toJson(body));
		}
		return this.mvc.perform(request);
	}

}
