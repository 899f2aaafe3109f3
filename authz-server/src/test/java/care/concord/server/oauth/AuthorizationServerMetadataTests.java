package care.concord.server.oauth;

import care.concord.server.ConcordIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * RFC 8414 metadata, OIDC discovery and the JWK Set.
 */
@ConcordIntegrationTest
class AuthorizationServerMetadataTests {

	@Autowired
	MockMvc mvc;

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

}
