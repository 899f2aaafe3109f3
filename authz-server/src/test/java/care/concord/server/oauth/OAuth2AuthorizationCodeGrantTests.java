package care.concord.server.oauth;

import java.net.URI;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestOAuth.Pkce;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The authorization code grant with PKCE S256 for people (RFC 6749 section 4.1, RFC
 * 7636), login, refresh token rotation.
 */
@ConcordIntegrationTest
class OAuth2AuthorizationCodeGrantTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Test
	void authorizeWhenNotSignedInThenRedirectedToLoginPage() throws Exception {
		Pkce pkce = Pkce.generate();
		this.people.accessToken(this.people.admin().username()); // registers the test
																	// client
		this.mvc
			.perform(authorize(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI, pkce.challenge(), "S256")
				.accept(MediaType.TEXT_HTML))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/login")));
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("<label for=\"username\">Username</label>")))
			.andExpect(content().string(containsString("name=\"_csrf\"")));
	}

	@Test
	void tokenWhenCitizenThenSubRolesAndNhsNumberClaims() throws Exception {
		String nhsNumber = TestNhsNumbers.next();
		PersonView citizen = this.people.citizen(nhsNumber);
		Map<String, Object> response = this.people.tokenResponse(citizen.username());
		assertThat(response).containsKeys("access_token", "id_token").doesNotContainKey("refresh_token");
		Map<String, Object> claims = TestOAuth.jwtClaims((String) response.get("access_token"));
		assertThat(claims).containsEntry("sub", citizen.username())
			.containsEntry("roles", List.of("citizen"))
			.containsEntry("nhs_number", nhsNumber)
			.containsEntry("azp", TestPeople.CLIENT_ID)
			.doesNotContainKey("org_code");
		long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
		assertThat(lifetime).isLessThanOrEqualTo(15 * 60);
	}

	@Test
	void authorizeWhenPlainPkceThenInvalidRequest() throws Exception {
		MockHttpSession session = signedInAdmin();
		MvcResult result = this.mvc
			.perform(authorize(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI,
					"plain-challenge-value-plain-challenge-value", "plain")
				.session(session))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(queryParam(result, "error")).isEqualTo("invalid_request");
		assertThat(queryParam(result, "code")).isNull();
	}

	@Test
	void authorizeWhenPublicClientWithoutPkceThenInvalidRequest() throws Exception {
		MockHttpSession session = signedInAdmin();
		MvcResult result = this.mvc
			.perform(get("/oauth2/authorize").queryParam("response_type", "code")
				.queryParam("client_id", TestPeople.CLIENT_ID)
				.queryParam("redirect_uri", TestPeople.REDIRECT_URI)
				.queryParam("scope", "openid")
				.session(session))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(queryParam(result, "error")).isEqualTo("invalid_request");
	}

	@Test
	void authorizeWhenRedirectUriNotExactlyRegisteredThenErrorWithoutRedirect() throws Exception {
		MockHttpSession session = signedInAdmin();
		Pkce pkce = Pkce.generate();
		for (String uri : List.of(TestPeople.REDIRECT_URI + "/extra", TestPeople.REDIRECT_URI + "?x=1",
				"http://127.0.0.1:9999/test/callback", "https://attacker.example/cb")) {
			this.mvc.perform(authorize(TestPeople.CLIENT_ID, uri, pkce.challenge(), "S256").session(session))
				.andExpect(status().isBadRequest());
		}
	}

	@Test
	void tokenWhenWrongCodeVerifierThenInvalidGrant() throws Exception {
		MockHttpSession session = signedInAdmin();
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI, session, pkce,
				"openid");
		this.mvc
			.perform(post("/oauth2/token").param("grant_type", "authorization_code")
				.param("code", code)
				.param("redirect_uri", TestPeople.REDIRECT_URI)
				.param("client_id", TestPeople.CLIENT_ID)
				.param("code_verifier", Pkce.generate().verifier()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void tokenWhenCodeReusedThenInvalidGrant() throws Exception {
		MockHttpSession session = signedInAdmin();
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI, session, pkce,
				"openid");
		for (int attempt = 0; attempt < 2; attempt++) {
			this.mvc
				.perform(post("/oauth2/token").param("grant_type", "authorization_code")
					.param("code", code)
					.param("redirect_uri", TestPeople.REDIRECT_URI)
					.param("client_id", TestPeople.CLIENT_ID)
					.param("code_verifier", pkce.verifier()))
				.andExpect((attempt == 0) ? status().isOk() : status().isBadRequest());
		}
	}

	@Test
	void refreshWhenUsedThenRotatedAndOldRefreshTokenRefused() throws Exception {
		TestAgency portal = this.agencies.agency(OrgType.GP)
			.grantTypes("authorization_code", "refresh_token")
			.scopes("openid", "decision")
			.redirectUris("https://portal.example.nhs.uk/callback")
			.register();
		PersonView citizen = this.people.citizen(TestNhsNumbers.next());
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(portal.clientId(), "https://portal.example.nhs.uk/callback",
				this.people.login(citizen.username(), TestPeople.PASSWORD), pkce, "openid decision");
		Map<String, Object> first = TestOAuth.json(
				this.mvc
					.perform(post("/oauth2/token")
						.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(portal.clientId(), portal.clientSecret()))
						.param("grant_type", "authorization_code")
						.param("code", code)
						.param("redirect_uri", "https://portal.example.nhs.uk/callback")
						.param("code_verifier", pkce.verifier()))
					.andExpect(status().isOk())
					.andReturn());
		Map<String, Object> claims = TestOAuth.jwtClaims((String) first.get("access_token"));
		assertThat(claims).containsEntry("sub", citizen.username())
			.containsEntry("org_code", portal.code())
			.containsEntry("nhs_number", citizen.nhsNumber());
		String refresh = (String) first.get("refresh_token");
		assertThat(refresh).isNotBlank();
		Map<String, Object> second = TestOAuth.json(refresh(portal, refresh).andExpect(status().isOk()).andReturn());
		assertThat((String) second.get("refresh_token")).isNotBlank().isNotEqualTo(refresh);
		assertThat(TestOAuth.jwtClaims((String) second.get("access_token"))).containsEntry("roles", List.of("citizen"));
		refresh(portal, refresh).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void refreshWhenPersonDisabledThenInvalidGrant() throws Exception {
		TestAgency portal = this.agencies.agency(OrgType.PHARMACY)
			.grantTypes("authorization_code", "refresh_token")
			.scopes("openid")
			.redirectUris("https://pharmacy.example.nhs.uk/cb")
			.register();
		PersonView citizen = this.people.citizen(TestNhsNumbers.next());
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(portal.clientId(), "https://pharmacy.example.nhs.uk/cb",
				this.people.login(citizen.username(), TestPeople.PASSWORD), pkce, "openid");
		Map<String, Object> first = TestOAuth.json(
				this.mvc
					.perform(post("/oauth2/token")
						.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(portal.clientId(), portal.clientSecret()))
						.param("grant_type", "authorization_code")
						.param("code", code)
						.param("redirect_uri", "https://pharmacy.example.nhs.uk/cb")
						.param("code_verifier", pkce.verifier()))
					.andExpect(status().isOk())
					.andReturn());
		this.people.disable(citizen.username());
		refresh(portal, (String) first.get("refresh_token")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void loginWhenWrongPasswordThenBackToLoginWithError() throws Exception {
		PersonView admin = this.people.admin();
		this.mvc.perform(post("/login").param("username", admin.username()).param("password", "wrong").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andExpect(header().string(HttpHeaders.LOCATION, "/login?error"));
		this.mvc.perform(get("/login").param("error", ""))
			.andExpect(content().string(containsString("role=\"alert\"")));
	}

	private org.springframework.test.web.servlet.ResultActions refresh(TestAgency client, String refreshToken)
			throws Exception {
		return this.mvc.perform(post("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(client.clientId(), client.clientSecret()))
			.param("grant_type", "refresh_token")
			.param("refresh_token", refreshToken));
	}

	private MockHttpSession signedInAdmin() throws Exception {
		PersonView admin = this.people.admin();
		this.people.accessToken(admin.username()); // registers the test client
		return this.people.login(admin.username(), TestPeople.PASSWORD);
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder authorize(String clientId,
			String redirectUri, String challenge, String method) {
		return get("/oauth2/authorize").queryParam("response_type", "code")
			.queryParam("client_id", clientId)
			.queryParam("redirect_uri", redirectUri)
			.queryParam("scope", "openid")
			.queryParam("state", "xyz")
			.queryParam("code_challenge", challenge)
			.queryParam("code_challenge_method", method);
	}

	private static String queryParam(MvcResult result, String name) {
		URI location = URI.create(result.getResponse().getRedirectedUrl());
		return UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst(name);
	}

}
