package care.concord.server.oauth;

import java.util.List;
import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * RFC 8414 metadata, OIDC discovery and the JWK Set.
 */
@ConcordIntegrationTest
class AuthorizationServerMetadataTests {

	private static final String[] TOKEN_ENDPOINT_AUTHENTICATION_METHODS = { "client_secret_basic", "client_secret_post",
			"private_key_jwt", "none" };

	private static final String[] CLIENT_AUTHENTICATION_METHODS = { "client_secret_basic", "client_secret_post",
			"private_key_jwt" };

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	PeopleService peopleService;

	@Test
	void oauthMetadataWhenRequestedThenDescribesConcordEndpoints() throws Exception {
		this.mvc.perform(get("/.well-known/oauth-authorization-server"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.issuer").value("http://localhost"))
			.andExpect(jsonPath("$.token_endpoint").value("http://localhost/oauth2/token"))
			.andExpect(jsonPath("$.jwks_uri").value("http://localhost/oauth2/jwks"))
			.andExpect(jsonPath("$.introspection_endpoint").value("http://localhost/oauth2/introspect"))
			.andExpect(jsonPath("$.revocation_endpoint").value("http://localhost/oauth2/revoke"))
			.andExpect(jsonPath("$.grant_types_supported", hasItem("client_credentials")))
			.andExpect(jsonPath("$.token_endpoint_auth_methods_supported", hasItem("private_key_jwt")))
			.andExpect(jsonPath("$.code_challenge_methods_supported", hasItem("S256")))
			.andExpect(jsonPath("$.code_challenge_methods_supported", not(hasItem("plain"))));
	}

	@Test
	void openidConfigurationWhenRequestedThenPublishesDiscovery() throws Exception {
		this.mvc.perform(get("/.well-known/openid-configuration"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.issuer").value("http://localhost"))
			.andExpect(jsonPath("$.userinfo_endpoint").value("http://localhost/userinfo"))
			.andExpect(jsonPath("$.id_token_signing_alg_values_supported", hasItem("RS256")));
	}

	@Test
	void jwksWhenRequestedThenPublicKeysOnly() throws Exception {
		this.mvc.perform(get("/oauth2/jwks"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.keys[0].kid", notNullValue()))
			.andExpect(jsonPath("$.keys[0].alg").value("RS256"))
			.andExpect(jsonPath("$.keys[0].use").value("sig"))
			.andExpect(jsonPath("$.keys[0].d").doesNotExist())
			.andExpect(jsonPath("$.keys[0].p").doesNotExist());
	}

	@Test
	void discoveryDocumentsWhenComparedThenAdvertiseOnlyWhatWorksAndAgree() throws Exception {
		for (String document : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration",
				"/.well-known/uma2-configuration")) {
			this.mvc.perform(get(document))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.token_endpoint_auth_methods_supported",
						containsInAnyOrder(TOKEN_ENDPOINT_AUTHENTICATION_METHODS)))
				.andExpect(jsonPath("$.introspection_endpoint_auth_methods_supported",
						containsInAnyOrder(CLIENT_AUTHENTICATION_METHODS)))
				.andExpect(jsonPath("$.revocation_endpoint_auth_methods_supported",
						containsInAnyOrder(CLIENT_AUTHENTICATION_METHODS)))
				.andExpect(jsonPath("$.grant_types_supported",
						not(hasItem("urn:ietf:params:oauth:grant-type:token-exchange"))))
				.andExpect(jsonPath("$.grant_types_supported",
						not(hasItem("urn:ietf:params:oauth:grant-type:device_code"))))
				.andExpect(jsonPath("$.grant_types_supported", hasItem("urn:ietf:params:oauth:grant-type:uma-ticket")))
				.andExpect(jsonPath("$.tls_client_certificate_bound_access_tokens").doesNotExist())
				.andExpect(jsonPath("$.device_authorization_endpoint").doesNotExist())
				.andExpect(jsonPath("$.authorization_endpoint").value("http://localhost/oauth2/authorize"));
		}
	}

	@Test
	void jwksWhenRequestedThenJwkSetMediaType() throws Exception {
		MvcResult jwks = this.mvc.perform(get("/oauth2/jwks")).andExpect(status().isOk()).andReturn();
		assertThat(jwks.getResponse().getContentType()).isEqualTo("application/jwk-set+json");
		assertThat(jwks.getResponse().getContentAsString()).contains("\"keys\"");
	}

	@Test
	void protectedResourceMetadataWhenRequestedThenRfc9728Document() throws Exception {
		this.mvc.perform(get("/.well-known/oauth-protected-resource"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.resource").value("http://localhost"))
			.andExpect(jsonPath("$.authorization_servers[0]").value("http://localhost"))
			.andExpect(jsonPath("$.bearer_methods_supported[0]").value("header"))
			.andExpect(jsonPath("$.scopes_supported", hasItem("decision")));
		// where the APIs' bearer challenge points
		this.mvc.perform(get("/api/consents"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE,
					containsString("resource_metadata=\"http://localhost/.well-known/oauth-protected-resource\"")));
	}

	@Test
	void userinfoWhenNoTokenAndAcceptAnyThenBearerChallengeNotLoginPage() throws Exception {
		this.mvc.perform(get("/userinfo").accept(MediaType.ALL))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
	}

	@Test
	void userinfoWhenProfileScopeThenNameAndPreferredUsername() throws Exception {
		String username = "profile-" + java.util.UUID.randomUUID().toString().substring(0, 8);
		this.peopleService
			.create(new PersonRegistration(username, TestPeople.PASSWORD, "Ada Lovelace", List.of("admin"), null));
		this.people.accessToken(username); // registers the test client
		String profile = accessToken(username, "openid profile");
		this.mvc.perform(get("/userinfo").header(HttpHeaders.AUTHORIZATION, "Bearer " + profile))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value(username))
			.andExpect(jsonPath("$.preferred_username").value(username))
			.andExpect(jsonPath("$.name").value("Ada Lovelace"));
		String openid = accessToken(username, "openid");
		this.mvc.perform(get("/userinfo").header(HttpHeaders.AUTHORIZATION, "Bearer " + openid))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sub").value(username))
			.andExpect(jsonPath("$.name").doesNotExist());
	}

	@Test
	void tokenWhenClientSecretWrongThenUnauthorizedWithChallenge() throws Exception {
		for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect")) {
			this.mvc
				.perform(post(endpoint).header(HttpHeaders.AUTHORIZATION, TestOAuth.basic("no-such-client", "wrong"))
					.param("grant_type", "client_credentials")
					.param("token", "x"))
				.andExpect(status().isUnauthorized())
				.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"concord\""))
				.andExpect(jsonPath("$.error").value("invalid_client"));
		}
	}

	private String accessToken(String username, String scope) throws Exception {
		TestOAuth.Pkce pkce = TestOAuth.Pkce.generate();
		MockHttpSession session = this.people.login(username, TestPeople.PASSWORD);
		String code = this.people.authorizationCode(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI, session, pkce,
				scope);
		MvcResult token = this.mvc
			.perform(post("/oauth2/token").param("grant_type", "authorization_code")
				.param("code", code)
				.param("redirect_uri", TestPeople.REDIRECT_URI)
				.param("client_id", TestPeople.CLIENT_ID)
				.param("code_verifier", pkce.verifier()))
			.andExpect(status().isOk())
			.andReturn();
		Map<String, Object> response = TestOAuth.json(token);
		return (String) response.get("access_token");
	}

}
