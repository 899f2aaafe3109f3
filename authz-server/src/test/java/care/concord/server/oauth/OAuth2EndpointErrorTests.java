package care.concord.server.oauth;

import java.util.Base64;
import java.util.List;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultMatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Malformed and hostile requests to the OAuth endpoints answer OAuth error JSON with a
 * 4xx status, never a 5xx (RFC 6749 section 5.2, RFC 7662 section 2.3, RFC 7009 section
 * 2.2.1).
 */
@ConcordIntegrationTest
class OAuth2EndpointErrorTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	TestAgency gp;

	@BeforeEach
	void agency() {
		this.gp = this.agencies.register(OrgType.GP, "decision");
	}

	@Test
	void tokenWhenGrantTypeMissingThenInvalidRequest() throws Exception {
		this.mvc.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic()))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void tokenWhenUnsupportedGrantThenUnsupportedGrantType() throws Exception {
		for (String grant : new String[] { "password", "urn:example:unknown", "implicit" }) {
			this.mvc
				.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic()).param("grant_type", grant))
				.andExpect(status().isBadRequest())
				.andExpect(oauthError("unsupported_grant_type"));
		}
	}

	@Test
	void tokenWhenAuthorizationCodeUnknownThenInvalidGrant() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.param("grant_type", "authorization_code")
				.param("code", "abc")
				.param("redirect_uri", "https://x.example/cb"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_grant"));
	}

	@Test
	void tokenWhenGrantNotRegisteredForClientThenUnauthorizedClient() throws Exception {
		TestAgency portal = this.agencies.agency(OrgType.GP)
			.grantTypes("authorization_code")
			.scopes("openid")
			.redirectUris("https://portal.example/cb")
			.register();
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(portal.clientId(), portal.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("unauthorized_client"));
	}

	@Test
	void tokenWhenRefreshTokenUnknownThenInvalidGrant() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.param("grant_type", "refresh_token")
				.param("refresh_token", "forged"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").exists());
	}

	@Test
	void tokenWhenAuthorizationCodeParametersMissingThenClientError() throws Exception {
		this.mvc.perform(post("/oauth2/token").param("grant_type", "authorization_code").param("client_id", "nobody"))
			.andExpect(status().is4xxClientError())
			.andExpect(jsonPath("$.error").exists());
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.param("grant_type", "authorization_code"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void tokenWhenUnknownClientThenInvalidClient() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, TestOAuth.basic("no-such-client", "x"))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(oauthError("invalid_client"));
	}

	@Test
	void tokenWhenWrongSecretThenInvalidClient() throws Exception {
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(this.gp.clientId(), "wrong"))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(oauthError("invalid_client"));
	}

	@Test
	void tokenWhenNoClientAuthenticationThenInvalidClient() throws Exception {
		this.mvc.perform(post("/oauth2/token").param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(oauthError("invalid_client"));
	}

	@Test
	void tokenWhenMalformedBasicHeaderThenClientError() throws Exception {
		for (String header : new String[] { "Basic !!!not-base64!!!", "Basic " + b64("no-colon"), "Basic ",
				"Basic " + b64(":"), "Basic " + b64("%zz:%zz") }) {
			this.mvc
				.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, header)
					.param("grant_type", "client_credentials"))
				.andExpect(status().is4xxClientError())
				.andExpect(jsonPath("$.error").exists());
		}
	}

	@Test
	void tokenWhenBearerHeaderInsteadOfClientCredentialsThenInvalidClient() throws Exception {
		// (introspection accepts a bearer PAT for UMA resource servers, see the uma
		// package)
		for (String endpoint : new String[] { "/oauth2/token", "/oauth2/revoke" }) {
			this.mvc
				.perform(post(endpoint).header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
					.param("grant_type", "client_credentials")
					.param("token", "x"))
				.andExpect(status().isUnauthorized())
				.andExpect(oauthError("invalid_client"));
		}
	}

	@Test
	void userinfoWhenNoOrGarbageBearerThenUnauthorized() throws Exception {
		this.mvc.perform(get("/userinfo").header(HttpHeaders.AUTHORIZATION, "Bearer garbage"))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void tokenWhenParameterRepeatedThenInvalidRequest() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.param("grant_type", "client_credentials")
				.param("grant_type", "client_credentials"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void tokenWhenJsonBodyInsteadOfFormThenInvalidRequest() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"grant_type\":\"client_credentials\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void tokenWhenBodyOversizedThenPayloadTooLargeOAuthError() throws Exception {
		String padding = "a".repeat(70 * 1024);
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.contentType(MediaType.APPLICATION_FORM_URLENCODED)
				.content("grant_type=client_credentials&scope=" + padding))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void tokenWhenScopeHugeButUnderLimitThenInvalidScope() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic())
				.param("grant_type", "client_credentials")
				.param("scope", "x".repeat(8000) + " \u0000 \u202e"))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_scope"));
	}

	@Test
	void tokenIntrospectionAndRevocationWhenNotPostThen405WithOAuthError() throws Exception {
		for (String path : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
			this.mvc.perform(get(path).param("grant_type", "client_credentials"))
				.andExpect(status().isMethodNotAllowed())
				.andExpect(header().string(HttpHeaders.ALLOW, "POST, OPTIONS"))
				.andExpect(oauthError("invalid_request"));
		}
		this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put("/oauth2/token"))
			.andExpect(status().isMethodNotAllowed());
	}

	@Test
	void introspectWhenNoClientAuthenticationThenInvalidClient() throws Exception {
		this.mvc.perform(post("/oauth2/introspect").param("token", this.gp.accessToken()))
			.andExpect(status().isUnauthorized())
			.andExpect(oauthError("invalid_client"));
	}

	@Test
	void introspectWhenTokenParameterMissingThenInvalidRequest() throws Exception {
		this.mvc.perform(post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, basic()))
			.andExpect(status().isBadRequest())
			.andExpect(oauthError("invalid_request"));
	}

	@Test
	void introspectWhenGarbageTokenThenInactive() throws Exception {
		this.mvc
			.perform(
					post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, basic()).param("token", "garbage.x.y"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void revokeWhenNoClientAuthenticationThenInvalidClient() throws Exception {
		this.mvc.perform(post("/oauth2/revoke").param("token", this.gp.accessToken()))
			.andExpect(status().isUnauthorized())
			.andExpect(oauthError("invalid_client"));
	}

	@Test
	void revokeWhenOwnTokenThenInactiveAndRefusedByApi() throws Exception {
		String token = this.gp.accessToken();
		this.mvc.perform(get("/api/no-such-endpoint").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isNotFound());
		this.mvc
			.perform(post("/oauth2/revoke").header(HttpHeaders.AUTHORIZATION, basic())
				.param("token", token)
				.param("token_type_hint", "access_token"))
			.andExpect(status().isOk());
		this.mvc.perform(post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, basic()).param("token", token))
			.andExpect(jsonPath("$.active").value(false));
		this.mvc.perform(get("/api/no-such-endpoint").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void revokeWhenAnotherClientsTokenThenRefusedAndTokenStaysActive() throws Exception {
		TestAgency other = this.agencies.register(OrgType.PHARMACY, "decision");
		String token = other.accessToken();
		int status = this.mvc
			.perform(post("/oauth2/revoke").header(HttpHeaders.AUTHORIZATION, basic()).param("token", token))
			.andReturn()
			.getResponse()
			.getStatus();
		assertThat(status).isBetween(200, 499);
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(other.clientId(), other.clientSecret()))
				.param("token", token))
			.andExpect(jsonPath("$.active").value(true));
	}

	@Test
	void revokeWhenUnknownTokenThenOk() throws Exception {
		this.mvc
			.perform(post("/oauth2/revoke").header(HttpHeaders.AUTHORIZATION, basic()).param("token", "never-issued"))
			.andExpect(status().isOk());
	}

	private String basic() {
		return TestOAuth.basic(this.gp.clientId(), this.gp.clientSecret());
	}

	private static String b64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes());
	}

	private static ResultMatcher oauthError(String code) {
		return (result) -> {
			content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON).match(result);
			jsonPath("$.error").value(code).match(result);
		};
	}

}
