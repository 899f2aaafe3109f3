package care.concord.server.source;

import java.net.URI;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.audit.ChainVerifier;
import care.concord.server.people.PersonView;
import care.concord.server.uma.UmaGrantTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A citizen's own app as a source, end to end over HTTP: an administrator registers a
 * wearable app; Alice connects it through the authorization code flow with PKCE and the
 * consent screen; the app registers a {@code wearable} pointer about her and nothing
 * else; her GP is refused (explicit consent) until she permits it; she disconnects the
 * app, the pointer is gone, the app's token is dead and the GP's RPT is inactive. Each
 * refusal stores nothing.
 */
@ConcordIntegrationTest
class PersonalSourceJourneyTests {

	static final String REDIRECT = "http://127.0.0.1:18999/callback";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcOperations jdbc;

	@Autowired
	DataSource dataSource;

	String appId;

	String alice;

	String aliceNhs;

	String aliceToken;

	@BeforeEach
	void setUp() throws Exception {
		MvcResult registered = this.mvc
			.perform(post("/api/admin/personal-apps")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(Map.of("name", "Stride wearable", "redirect_uris", List.of(REDIRECT),
						"categories", List.of("wearable")))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.client_id").isString())
			.andReturn();
		this.appId = (String) TestOAuth.json(registered).get("client_id");
		this.aliceNhs = TestNhsNumbers.next();
		PersonView person = this.people.citizen(this.aliceNhs);
		this.alice = person.username();
		this.aliceToken = this.people.accessToken(this.alice);
	}

	@Test
	void registerWhenAdministratorRegistersAnAppThenOneAdminActionNamesIt() {
		List<String> details = this.jdbc.queryForList(
				"SELECT details FROM audit_record WHERE event_type = "
						+ "'ADMIN_ACTION' AND reason_code = 'personal-app-registered' AND details LIKE ?",
				String.class, "%" + this.appId + "%");
		assertThat(details).hasSize(1);
		assertThat(details.get(0)).contains("\"target\":\"" + this.appId + "\"").contains("Stride wearable");
	}

	@Test
	void journeyWhenCitizenConnectsPermitsAndDisconnectsThenEveryStepTakesEffect() throws Exception {
		String pat = connect(this.alice, "uma_protection record:wearable");
		Map<String, Object> claims = TestOAuth.jwtClaims(pat);
		assertThat(claims).containsEntry("owner_nhs_number", this.aliceNhs)
			.containsEntry("org_code", this.appId)
			.containsEntry("org_type", "personal-app")
			.doesNotContainKey("nhs_number");
		assertThat((List<?>) claims.get("roles")).isEmpty();

		// the app's token can never act as Alice on the consent API
		this.mvc.perform(get("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat))
			.andExpect(status().isForbidden());

		String resource = register(pat, "wearable", this.aliceNhs).andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getContentAsString()
			.replaceAll(".*\"_id\"\\s*:\\s*\"([^\"]+)\".*", "$1");

		this.mvc.perform(get("/api/me/sources").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.aliceToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sources", hasSize(1)))
			.andExpect(jsonPath("$.sources[0].client_id").value(this.appId))
			.andExpect(jsonPath("$.sources[0].name").value("Stride wearable"))
			.andExpect(jsonPath("$.sources[0].categories[0]").value("wearable"))
			.andExpect(jsonPath("$.sources[0].pointers").value(1))
			.andExpect(jsonPath("$.sources[0].last_registered_at").isString());
		this.mvc.perform(get("/api/me/record/locations").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.aliceToken))
			.andExpect(jsonPath("$.holders[0].code").value(this.appId))
			.andExpect(jsonPath("$.holders[0].name").value("Stride wearable"))
			.andExpect(jsonPath("$.holders[0].categories[0].category").value("wearable"));

		// the GP asks through the same UMA exchange: wearable needs explicit consent
		TestAgency gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		exchange(gp, pat, resource).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("request_denied"))
			.andExpect(jsonPath("$.concord_reasons[0].reason").value("explicit-consent-required"));

		this.mvc
			.perform(
					post("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.aliceToken)
						.contentType(MediaType.APPLICATION_JSON)
						.content(TestOAuth.toJson(Map.of("effect", "permit", "organisations", List.of(gp.code()),
								"categories", List.of("wearable")))))
			.andExpect(status().isCreated());
		MvcResult granted = exchange(gp, pat, resource).andExpect(status().isOk()).andReturn();
		String rpt = (String) TestOAuth.json(granted).get("access_token");
		introspect(pat, rpt).andExpect(jsonPath("$.active").value(true));

		// Alice disconnects the app: pointer gone, app token dead, GP's RPT inactive
		this.mvc
			.perform(delete("/api/me/sources/" + this.appId).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + this.aliceToken))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.pointers_deregistered").value(1));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM uma_resource_set WHERE holder = ?", Integer.class,
				this.appId))
			.isZero();
		register(pat, "wearable", this.aliceNhs).andExpect(status().isUnauthorized());
		TestAgency otherRs = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		introspect(otherRs.accessToken(), rpt).andExpect(jsonPath("$.active").value(false));
		this.mvc.perform(get("/api/me/sources").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.aliceToken))
			.andExpect(jsonPath("$.sources", hasSize(0)));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE holder = ? AND reason_code = ?",
				Integer.class, this.appId, "source-connected"))
			.isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM audit_record WHERE holder = ? AND reason_code = ?",
				Integer.class, this.appId, "source-disconnected"))
			.isEqualTo(1);
		assertThat(new ChainVerifier(this.dataSource).verify().ok()).isTrue();
	}

	@Test
	void registerWhenAnotherCitizenOrUngrantedCategoryThenInsufficientScopeAndNothingStored() throws Exception {
		String pat = connect(this.alice, "uma_protection record:wearable");
		register(pat, "wearable", TestNhsNumbers.next()).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("insufficient_scope"));
		register(pat, "mental-health", this.aliceNhs).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("insufficient_scope"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM uma_resource_set WHERE holder = ?", Integer.class,
				this.appId))
			.isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE actor_agency = ?" + " AND reason_code = 'insufficient-scope'",
				Integer.class, this.appId))
			.isEqualTo(2);
	}

	@Test
	void connectWhenCategoryScopeNotGrantedThenTokenCannotRegisterIt() throws Exception {
		String pat = connect(this.alice, "uma_protection");
		assertThat((List<?>) TestOAuth.jwtClaims(pat).get("record_categories")).isEmpty();
		register(pat, "wearable", this.aliceNhs).andExpect(status().isForbidden());
	}

	@Test
	void consentWhenStateForgedThenNoCode() throws Exception {
		MockHttpSession session = this.people.login(this.alice, TestPeople.PASSWORD);
		authorize(session, "uma_protection record:wearable", TestOAuth.Pkce.generate());
		MvcResult forged = this.mvc
			.perform(post("/oauth2/authorize").session(session)
				.param("client_id", this.appId)
				.param("state", "forged-state")
				.param("scope", "uma_protection")
				.param("scope", "record:wearable")
				.with(csrf()))
			.andReturn();
		String location = forged.getResponse().getRedirectedUrl();
		assertThat((location == null) || !location.contains("code=")).as("no code for a forged consent: " + location)
			.isTrue();
	}

	@Test
	void consentPageWhenPersonalAppThenSaysWhatItCanAndCannotDo() throws Exception {
		MockHttpSession session = this.people.login(this.alice, TestPeople.PASSWORD);
		URI consent = authorize(session, "uma_protection record:wearable", TestOAuth.Pkce.generate());
		this.mvc.perform(get(consent).session(session))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Allow Stride wearable to connect")))
			.andExpect(content().string(containsString("wearable")))
			.andExpect(content().string(containsString("see or change your consent choices")));
	}

	@Test
	void disconnectWhenNotConnectedThenNotFound() throws Exception {
		this.mvc
			.perform(delete("/api/me/sources/" + this.appId).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + this.aliceToken))
			.andExpect(status().isNotFound());
	}

	@Test
	void registerAppWhenNameOrCategoriesBadThenValidationFailedNamingTheFieldAndNothingStored() throws Exception {
		Integer before = this.jdbc.queryForObject("SELECT COUNT(*) FROM personal_app", Integer.class);
		registerApp(Map.of("name", " ", "redirect_uris", List.of(REDIRECT), "categories", List.of("wearable")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("name"));
		registerApp(Map.of("name", "Stride", "redirect_uris", List.of(REDIRECT), "categories", List.of("steps")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("categories"));
		registerApp(Map.of("name", "Stride", "redirect_uris", List.of(REDIRECT), "categories", List.of()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("categories"));
		registerApp(Map.of("name", "Stride", "redirect_uris", List.of(), "categories", List.of("wearable")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"));
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM personal_app", Integer.class)).isEqualTo(before);
	}

	ResultActions registerApp(Map<String, Object> body) throws Exception {
		return this.mvc.perform(
				post("/api/admin/personal-apps").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken())
					.contentType(MediaType.APPLICATION_JSON)
					.content(TestOAuth.toJson(body)));
	}

	@Test
	void registerAppWhenRedirectUriNotHttpsThenValidationFailed() throws Exception {
		this.mvc
			.perform(post("/api/admin/personal-apps")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.people.adminToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(Map.of("name", "Bad", "redirect_uris", List.of("http://example.com/cb"),
						"categories", List.of("wearable")))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("redirect_uris"));
		this.mvc
			.perform(post("/api/admin/personal-apps").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.aliceToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(
						Map.of("name", "Mine", "redirect_uris", List.of(REDIRECT), "categories", List.of("wearable")))))
			.andExpect(status().isForbidden());
	}

	/**
	 * The whole authorization code flow with PKCE and the consent screen; returns the
	 * app's access token.
	 */
	String connect(String username, String scope) throws Exception {
		MockHttpSession session = this.people.login(username, TestPeople.PASSWORD);
		TestOAuth.Pkce pkce = TestOAuth.Pkce.generate();
		URI consent = authorize(session, scope, pkce);
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(consent).build().getQueryParams();
		String state = java.net.URLDecoder.decode(query.get("state").get(0), java.nio.charset.StandardCharsets.UTF_8);
		var approve = post("/oauth2/authorize").session(session)
			.param("client_id", this.appId)
			.param("state", state)
			.with(csrf());
		for (String requested : scope.split(" ")) {
			approve.param("scope", requested);
		}
		MvcResult approved = this.mvc.perform(approve).andReturn();
		String location = approved.getResponse().getRedirectedUrl();
		assertThat(location).as("redirect after consent").startsWith(REDIRECT);
		String code = UriComponentsBuilder.fromUriString(location).build().getQueryParams().getFirst("code");
		assertThat(code).isNotNull();
		MvcResult token = this.mvc
			.perform(post("/oauth2/token").param("grant_type", "authorization_code")
				.param("code", code)
				.param("redirect_uri", REDIRECT)
				.param("client_id", this.appId)
				.param("code_verifier", pkce.verifier()))
			.andExpect(status().isOk())
			.andReturn();
		return (String) TestOAuth.json(token).get("access_token");
	}

	URI authorize(MockHttpSession session, String scope, TestOAuth.Pkce pkce) throws Exception {
		MvcResult authorize = this.mvc
			.perform(get("/oauth2/authorize").queryParam("response_type", "code")
				.queryParam("client_id", this.appId)
				.queryParam("redirect_uri", REDIRECT)
				.queryParam("scope", scope)
				.queryParam("state", "app-state")
				.queryParam("code_challenge", pkce.challenge())
				.queryParam("code_challenge_method", "S256")
				.session(session))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		String location = authorize.getResponse().getRedirectedUrl();
		assertThat(location).as("consent screen").contains("/oauth2/consent");
		return URI.create(location);
	}

	ResultActions register(String pat, String category, String subject) throws Exception {
		return this.mvc.perform(post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat)
			.contentType(MediaType.APPLICATION_JSON)
			.content(TestOAuth.toJson(Map.of("name", "Steps and heart rate", "type", category, "resource_scopes",
					List.of("read"), "subject", subject))));
	}

	ResultActions exchange(TestAgency gp, String pat, String resource) throws Exception {
		MvcResult permission = this.mvc
			.perform(
					post("/uma/permission").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat)
						.contentType(MediaType.APPLICATION_JSON)
						.content(TestOAuth
							.toJson(List.of(Map.of("resource_id", resource, "resource_scopes", List.of("read"))))))
			.andExpect(status().isCreated())
			.andReturn();
		String ticket = (String) TestOAuth.json(permission).get("ticket");
		return this.mvc.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, UmaGrantTests.basic(gp))
			.param("grant_type", UmaGrantTests.UMA_GRANT)
			.param("ticket", ticket)
			.param("claim_token", UmaGrantTests.claims("TREAT", "clinician", null))
			.param("claim_token_format", care.concord.server.uma.ClaimTokenVerifier.PRACTITIONER_CLAIMS));
	}

	ResultActions introspect(String pat, String token) throws Exception {
		return this.mvc.perform(
				post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, "Bearer " + pat).param("token", token));
	}

}
