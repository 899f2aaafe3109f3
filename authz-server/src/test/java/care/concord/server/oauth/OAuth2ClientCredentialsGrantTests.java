package care.concord.server.oauth;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The client_credentials grant for agency systems (RFC 6749 section 4.4) with Concord's
 * claims.
 */
@ConcordIntegrationTest
class OAuth2ClientCredentialsGrantTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Test
	void tokenWhenClientSecretBasicThenJwtWithOrgClaims() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision", "identity");
		MvcResult result = this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("grant_type", "client_credentials")
				.param("scope", "decision"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.scope").value("decision"))
			.andExpect(jsonPath("$.refresh_token").doesNotExist())
			.andReturn();
		Map<String, Object> response = TestOAuth.json(result);
		String token = (String) response.get("access_token");
		Map<String, Object> claims = TestOAuth.jwtClaims(token);
		assertThat(claims).containsEntry("iss", "http://localhost")
			.containsEntry("sub", gp.clientId())
			.containsEntry("azp", gp.clientId())
			.containsEntry("client_id", gp.clientId())
			.containsEntry("org_code", gp.code())
			.containsEntry("org_type", "gp")
			.containsKeys("exp", "iat", "jti");
		long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
		assertThat(lifetime).isEqualTo(Duration.ofMinutes(15).toSeconds());
		assertThat(((Number) response.get("expires_in")).longValue()).isBetween(890L, 900L);
		Map<String, Object> header = TestOAuth.jwtHeader(token);
		assertThat(header).containsEntry("alg", "RS256").containsKey("kid");
		this.mvc.perform(get("/oauth2/jwks"))
			.andExpect(jsonPath("$.keys[?(@.kid == '" + header.get("kid") + "')]").exists());
	}

	@Test
	void tokenWhenClientSecretPostThenIssued() throws Exception {
		TestAgency pharmacy = this.agencies.agency(OrgType.PHARMACY)
			.authMethod("client_secret_post")
			.scopes("record_location")
			.register();
		MvcResult result = this.mvc
			.perform(post("/oauth2/token").param("grant_type", "client_credentials")
				.param("client_id", pharmacy.clientId())
				.param("client_secret", pharmacy.clientSecret())
				.param("scope", "record_location"))
			.andExpect(status().isOk())
			.andReturn();
		Map<String, Object> claims = TestOAuth.jwtClaims((String) TestOAuth.json(result).get("access_token"));
		assertThat(claims).containsEntry("org_type", "pharmacy").containsEntry("scope", List.of("record_location"));
	}

	@Test
	void tokenWhenClientSecretPostClientUsesBasicThenInvalidClient() throws Exception {
		TestAgency pharmacy = this.agencies.agency(OrgType.PHARMACY).authMethod("client_secret_post").register();
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(pharmacy.clientId(), pharmacy.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenWhenScopeNotRegisteredThenInvalidScope() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("grant_type", "client_credentials")
				.param("scope", "uma_protection"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_scope"));
	}

	@Test
	void introspectWhenTokenReadBackFromStoreThenActiveWithCustomClaims() throws Exception {
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "decision");
		String token = hospital.accessToken();
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(hospital.clientId(), hospital.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.client_id").value(hospital.clientId()))
			.andExpect(jsonPath("$.org_code").value(hospital.code()))
			.andExpect(jsonPath("$.org_type").value("acute-hospital"))
			.andExpect(jsonPath("$.azp").value(hospital.clientId()));
	}

}
