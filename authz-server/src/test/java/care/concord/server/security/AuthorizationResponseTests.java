package care.concord.server.security;

import java.net.URI;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.TestOAuth.Pkce;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 findings 9 (revocation) and 11: the sign-in page's security headers, RFC 9207
 * {@code iss} on authorization responses and in metadata, {@code prompt=none} without a
 * session, and revocation of another client's token answering 200 while leaving it
 * active.
 */
@ConcordIntegrationTest
class AuthorizationResponseTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Test
	void loginPageWhenServedThenContentSecurityAndReferrerPolicy() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.containsString("frame-ancestors 'none'")))
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.containsString("default-src 'none'")))
			.andExpect(header().string("Referrer-Policy", "no-referrer"));
		// the console's own, stricter policy, from the same filter class
		this.mvc.perform(get("/console"))
			.andExpect(header().string("Content-Security-Policy",
					org.hamcrest.Matchers.containsString("connect-src 'self'")))
			.andExpect(header().string("Referrer-Policy", "no-referrer"));
	}

	@Test
	void authorizeWhenCodeIssuedThenIssParameter() throws Exception {
		PersonView admin = this.people.admin();
		this.people.accessToken(admin.username());
		Pkce pkce = Pkce.generate();
		MvcResult result = this.mvc
			.perform(authorize(pkce).queryParam("state", "s-1")
				.session(this.people.login(admin.username(), TestPeople.PASSWORD)))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		MultiValueMap<String, String> query = query(result);
		assertThat(query.getFirst("code")).isNotBlank();
		assertThat(query.getFirst("state")).isEqualTo("s-1");
		assertThat(UriUtils.decode(query.getFirst("iss"), "UTF-8")).isEqualTo("http://localhost");
	}

	@Test
	void authorizeWhenPromptNoneWithoutSessionThenLoginRequiredToClientWithIss() throws Exception {
		this.people.accessToken(this.people.admin().username());
		MvcResult result = this.mvc
			.perform(authorize(Pkce.generate()).queryParam("prompt", "none").queryParam("state", "s-2"))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		assertThat(result.getResponse().getRedirectedUrl()).startsWith(TestPeople.REDIRECT_URI + "?");
		MultiValueMap<String, String> query = query(result);
		assertThat(query.getFirst("error")).isEqualTo("login_required");
		assertThat(query.getFirst("state")).isEqualTo("s-2");
		assertThat(UriUtils.decode(query.getFirst("iss"), "UTF-8")).isEqualTo("http://localhost");
	}

	@Test
	void authorizeWhenPromptNoneWithUnregisteredRedirectThenNoRedirectToIt() throws Exception {
		this.people.accessToken(this.people.admin().username());
		MvcResult result = this.mvc
			.perform(get("/oauth2/authorize").queryParam("response_type", "code")
				.queryParam("client_id", TestPeople.CLIENT_ID)
				.queryParam("redirect_uri", "https://evil.example/cb")
				.queryParam("scope", "openid")
				.queryParam("prompt", "none")
				.queryParam("code_challenge", Pkce.generate().challenge())
				.queryParam("code_challenge_method", "S256"))
			.andReturn();
		assertThat(String.valueOf(result.getResponse().getRedirectedUrl())).doesNotContain("evil.example");
	}

	@Test
	void metadataWhenReadThenIssParameterSupported() throws Exception {
		this.mvc.perform(get("/.well-known/oauth-authorization-server"))
			.andExpect(jsonPath("$.authorization_response_iss_parameter_supported").value(true));
		this.mvc.perform(get("/.well-known/openid-configuration"))
			.andExpect(jsonPath("$.authorization_response_iss_parameter_supported").value(true));
	}

	@Test
	void revokeWhenAnotherClientsTokenThenOkAndTokenStaysActive() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		TestAgency other = this.agencies.register(OrgType.PHARMACY, "decision");
		String token = other.accessToken();
		this.mvc
			.perform(post("/oauth2/revoke")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/oauth2/revoke")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", "garbage"))
			.andExpect(status().isOk());
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(other.clientId(), other.clientSecret()))
				.param("token", token))
			.andExpect(jsonPath("$.active").value(true));
	}

	private static MockHttpServletRequestBuilder authorize(Pkce pkce) {
		return get("/oauth2/authorize").queryParam("response_type", "code")
			.queryParam("client_id", TestPeople.CLIENT_ID)
			.queryParam("redirect_uri", TestPeople.REDIRECT_URI)
			.queryParam("scope", "openid")
			.queryParam("code_challenge", pkce.challenge())
			.queryParam("code_challenge_method", "S256");
	}

	private static MultiValueMap<String, String> query(MvcResult result) {
		return UriComponentsBuilder.fromUri(URI.create(result.getResponse().getRedirectedUrl()))
			.build()
			.getQueryParams();
	}

}
