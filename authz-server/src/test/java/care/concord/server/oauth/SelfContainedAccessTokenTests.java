package care.concord.server.oauth;

import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code client_credentials} access tokens are self-contained (see
 * {@link ConcordAuthorizationService}): nothing is stored when one is issued, yet
 * introspection, revocation and the API's bearer check behave exactly as for stored
 * tokens, and a token Concord did not sign is never active.
 */
@ConcordIntegrationTest
class SelfContainedAccessTokenTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	care.concord.server.agency.AgencyService agencyService;

	@Test
	void issuingStoresNoAuthorization() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		int before = authorizations();
		String token = gp.accessToken();
		assertThat(authorizations()).isEqualTo(before);
		assertThat(TestOAuth.jwtClaims(token)).containsEntry("gty", "client_credentials");
		introspect(gp, token).andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.client_id").value(gp.clientId()))
			.andExpect(jsonPath("$.org_code").value(gp.code()))
			.andExpect(jsonPath("$.token_type").value("Bearer"));
	}

	@Test
	void revokedTokenIsInactiveAndRefusedByTheApi() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		String token = gp.accessToken();
		String other = gp.accessToken();
		evaluate(token).andExpect(authenticated());
		this.mvc
			.perform(post("/oauth2/revoke")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM revoked_access_token WHERE jti = ?", Integer.class,
				TestOAuth.jwtClaims(token).get("jti")))
			.isEqualTo(1);
		introspect(gp, token).andExpect(jsonPath("$.active").value(false));
		evaluate(token).andExpect(status().isUnauthorized());
		introspect(gp, other).andExpect(jsonPath("$.active").value(true));
		evaluate(other).andExpect(authenticated());
	}

	@Test
	void anotherClientCannotRevokeTheToken() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "decision");
		String token = gp.accessToken();
		this.mvc
			.perform(post("/oauth2/revoke")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(hospital.clientId(), hospital.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk()); // RFC 7009: as for an unknown token, telling
											// nothing
		introspect(gp, token).andExpect(jsonPath("$.active").value(true));
	}

	@Test
	void tokenSignedByAnotherKeyIsNeverActive() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		Map<String, Object> genuine = TestOAuth.jwtClaims(gp.accessToken());
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		genuine.forEach(claims::claim);
		claims.jwtID(UUID.randomUUID().toString())
			.issueTime(new Date())
			.expirationTime(Date.from(Instant.now().plusSeconds(600)))
			.notBeforeTime(new Date());
		String kid = (String) TestOAuth.jwtHeader(gp.accessToken()).get("kid");
		SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), claims.build());
		forged.sign(new RSASSASigner((RSAPrivateKey) generator.generateKeyPair().getPrivate()));
		introspect(gp, forged.serialize()).andExpect(jsonPath("$.active").value(false));
		evaluate(forged.serialize()).andExpect(status().isUnauthorized());
	}

	@Test
	void disabledAgencysTokenIsInactiveAtOnce() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "decision");
		String token = gp.accessToken();
		introspect(gp, token).andExpect(jsonPath("$.active").value(true));
		evaluate(token).andExpect(authenticated());
		this.agencyService.setEnabled(gp.code(), false);
		introspect(hospital, token).andExpect(jsonPath("$.active").value(false));
		evaluate(token).andExpect(status().isUnauthorized());
		this.mvc
			.perform(post("/oauth2/token")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	/** Past the bearer check, whatever the decision endpoint then answers. */
	private static org.springframework.test.web.servlet.ResultMatcher authenticated() {
		return (result) -> assertThat(result.getResponse().getStatus()).as(result.getResponse().getContentAsString())
			.isNotIn(401, 403);
	}

	private int authorizations() {
		return this.jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization", Integer.class);
	}

	private org.springframework.test.web.servlet.ResultActions introspect(TestAgency caller, String token)
			throws Exception {
		return this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(caller.clientId(), caller.clientSecret()))
				.param("token", token))
			.andExpect(status().isOk());
	}

	private org.springframework.test.web.servlet.ResultActions evaluate(String token) throws Exception {
		return this.mvc.perform(post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"subject": {"type": "agency-practitioner", "id": "P1", "properties": {"role": "clinician"}},
					 "resource": {"type": "care-record", "id": "9434765919", "properties": {"category": "summary"}},
					 "action": {"name": "read"}, "context": {"purpose": "direct-care"}}
					"""));
	}

}
