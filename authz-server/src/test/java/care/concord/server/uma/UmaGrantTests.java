package care.concord.server.uma;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.ChainVerifier;
import care.concord.server.relationship.CareRelationships;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The UMA 2.0 flow end to end over HTTP: agency A (an acute hospital, RR8-like) registers
 * resources about a citizen with its PAT and requests permission tickets; agency B (a GP)
 * redeems them at the token endpoint with a claim token; A introspects the RPT with its
 * PAT. Every step is checked in the audit log, whose chain must verify.
 */
@ConcordIntegrationTest
public class UmaGrantTests {

	public static final String UMA_GRANT = "urn:ietf:params:oauth:grant-type:uma-ticket";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	JdbcOperations jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	PermissionTicketStore tickets;

	@Autowired
	CareRelationships relationships;

	TestAgency hospital;

	String pat;

	TestAgency gp;

	String citizen;

	@BeforeEach
	void registerAgencies() {
		this.hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		this.pat = this.hospital.accessToken();
		this.gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		this.citizen = TestNhsNumbers.next();
	}

	@Test
	void ticketStoreWhenEmbeddedH2ThenInMemory() {
		assertThat(this.tickets).as("the only node of an embedded database keeps its tickets in memory")
			.isInstanceOf(InMemoryPermissionTicketStore.class);
	}

	@Test
	void grantWhenCareRelationshipThenRptWithPermissionsReadableThroughIntrospection() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String ticket = ticket(this.pat, resource);

		MvcResult result = token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isOk())
			.andExpect(jsonPath("$.access_token").exists())
			.andExpect(jsonPath("$.token_type").value("Bearer"))
			.andExpect(jsonPath("$.refresh_token").doesNotExist())
			.andReturn();
		String rpt = (String) TestOAuth.json(result).get("access_token");
		Map<String, Object> claims = TestOAuth.jwtClaims(rpt);
		assertThat(claims).doesNotContainKey("scope").doesNotContainKey("break_glass").containsEntry("gty", UMA_GRANT);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE access_token_value = ?",
				Integer.class, rpt))
			.as("self-contained: not stored")
			.isZero();
		assertThat(claims.get("org_code")).isEqualTo(this.gp.code());
		List<?> permissions = (List<?>) claims.get("permissions");
		assertThat(permissions).hasSize(1);
		assertThat(((Map<?, ?>) permissions.get(0)).get("resource_id")).isEqualTo(resource);
		long lifetime = ((Number) claims.get("exp")).longValue() - ((Number) claims.get("iat")).longValue();
		assertThat(lifetime).isEqualTo(300);

		// rebuilt from the self-contained RPT by introspection, authorised by the PAT
		introspect(this.pat, rpt).andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.scope").doesNotExist())
			.andExpect(jsonPath("$.client_id").value(this.gp.clientId()))
			.andExpect(jsonPath("$.permissions[0].resource_id").value(resource))
			.andExpect(jsonPath("$.permissions[0].resource_scopes[0]").value("read"))
			.andExpect(jsonPath("$.permissions[0].exp").value(((Number) claims.get("exp")).longValue()));

		assertThat(audit(PermissionTicketValues.reference(ticket)))
			.containsExactly("REGISTRATION_CHANGE permit permission-registered", "DECISION permit implied-consent");
		assertThat(new ChainVerifier(this.dataSource).verify().ok()).isTrue();
	}

	@Test
	void grantWhenPrivateKeyJwtClientSignsClaimTokenThenRpt() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		TestAgency keyed = keyedGp(key);
		String resource = registerResource(this.pat, "allergies", this.citizen);
		this.relationships.declare(AuditActor.client(keyed.code(), keyed.clientId()), keyed.code(),
				NhsNumber.parse(this.citizen));
		String claimToken = signedClaims(key, keyed.clientId(), "http://localhost", Instant.now().plusSeconds(120));
		keyedToken(keyed, key, ticket(this.pat, resource), claimToken, ClaimTokenVerifier.PRACTITIONER_JWT)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.access_token").exists());
	}

	@Test
	void grantWhenClaimTokenSignedByAnotherKeyThenInvalidGrantAndAudited() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		RSAKey stranger = new RSAKeyGenerator(2048).keyID(key.getKeyID()).generate();
		TestAgency keyed = keyedGp(key);
		String resource = registerResource(this.pat, "allergies", this.citizen);
		String ticket = ticket(this.pat, resource);
		String forged = signedClaims(stranger, keyed.clientId(), "http://localhost", Instant.now().plusSeconds(120));
		keyedToken(keyed, key, ticket, forged, ClaimTokenVerifier.PRACTITIONER_JWT).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		assertThat(audit(PermissionTicketValues.reference(ticket))).contains("REFUSED error invalid-grant");
	}

	@Test
	void grantWhenClaimTokenExpiredThenInvalidGrant() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		TestAgency keyed = keyedGp(key);
		String resource = registerResource(this.pat, "allergies", this.citizen);
		String expired = signedClaims(key, keyed.clientId(), "http://localhost", Instant.now().minusSeconds(120));
		keyedToken(keyed, key, ticket(this.pat, resource), expired, ClaimTokenVerifier.PRACTITIONER_JWT)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenClaimTokenForAnotherAudienceThenInvalidGrant() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		TestAgency keyed = keyedGp(key);
		String resource = registerResource(this.pat, "allergies", this.citizen);
		String elsewhere = signedClaims(key, keyed.clientId(), "https://elsewhere.example",
				Instant.now().plusSeconds(120));
		keyedToken(keyed, key, ticket(this.pat, resource), elsewhere, ClaimTokenVerifier.PRACTITIONER_JWT)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenKeyedClientSendsUnsignedClaimsThenInvalidRequest() throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
		TestAgency keyed = keyedGp(key);
		String resource = registerResource(this.pat, "allergies", this.citizen);
		keyedToken(keyed, key, ticket(this.pat, resource), claims("TREAT", "clinician", null),
				ClaimTokenVerifier.PRACTITIONER_CLAIMS)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void grantWhenNoCareRelationshipThenRequestDeniedWithReasons() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		String ticket = ticket(this.pat, resource);
		token(this.gp, ticket, claims("direct-care", "clinician", null)).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("request_denied"))
			.andExpect(jsonPath("$.access_token").doesNotExist())
			.andExpect(jsonPath("$.concord_reasons[0].resource_id").value(resource))
			.andExpect(jsonPath("$.concord_reasons[0].reason").value("no-legitimate-relationship"));
		assertThat(audit(PermissionTicketValues.reference(ticket)))
			.contains("DECISION deny no-legitimate-relationship");
	}

	@Test
	void grantWhenExplicitConsentCategoryThenRequestDenied() throws Exception {
		String resource = registerResource(this.pat, "mental-health", this.citizen);
		declareRelationship(this.gp, this.citizen);
		token(this.gp, ticket(this.pat, resource), claims("TREAT", "clinician", null)).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("request_denied"))
			.andExpect(jsonPath("$.concord_reasons[0].reason").value("explicit-consent-required"));
	}

	@Test
	void grantWhenSomePermissionsDeniedThenRptHoldsOnlyThePermittedOnes() throws Exception {
		String medications = registerResource(this.pat, "medications", this.citizen);
		String mentalHealth = registerResource(this.pat, "mental-health", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String ticket = ticket(this.pat, medications, mentalHealth);
		MvcResult result = token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isOk())
			.andReturn();
		List<?> permissions = (List<?>) TestOAuth.jwtClaims((String) TestOAuth.json(result).get("access_token"))
			.get("permissions");
		assertThat(permissions).hasSize(1);
		assertThat(((Map<?, ?>) permissions.get(0)).get("resource_id")).isEqualTo(medications);
	}

	@Test
	void grantWhenPurposeMissingThenNeedInfoWithNewTicketThatWorks() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String ticket = ticket(this.pat, resource);
		MvcResult result = token(this.gp, ticket, claims(null, "clinician", null)).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("need_info"))
			.andExpect(jsonPath("$.required_claims[0].name").value("purpose_of_use"))
			.andExpect(
					jsonPath("$.required_claims[0].claim_token_format", hasItem(ClaimTokenVerifier.PRACTITIONER_JWT)))
			.andExpect(jsonPath("$.ticket").exists())
			.andReturn();
		String next = (String) TestOAuth.json(result).get("ticket");
		assertThat(next).isNotEqualTo(ticket);
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		token(this.gp, next, claims("TREAT", "clinician", null)).andExpect(status().isOk());
	}

	@Test
	void grantWhenNoClaimTokenThenNeedInfoForPurposeAndRole() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic(this.gp))
				.param("grant_type", UMA_GRANT)
				.param("ticket", ticket(this.pat, resource)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("need_info"))
			.andExpect(
					jsonPath("$.required_claims[*].name", containsInAnyOrder("purpose_of_use", "practitioner_role")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void grantWhenBreakGlassThenRptFlaggedWithObligations() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		String ticket = ticket(this.pat, resource);
		MvcResult result = token(this.gp, ticket, claims("ETREAT", "clinician", "unconscious, no history available"))
			.andExpect(status().isOk())
			.andReturn();
		String rpt = (String) TestOAuth.json(result).get("access_token");
		Map<String, Object> claims = TestOAuth.jwtClaims(rpt);
		assertThat(claims.get("break_glass")).isEqualTo(true);
		assertThat(claims).as("a break-glass RPT is stored, with its reason").doesNotContainKey("gty");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM oauth2_authorization WHERE access_token_value = ?",
				Integer.class, rpt))
			.isOne();
		assertThat((List<Object>) claims.get("obligations")).containsExactly("notify-subject", "review");
		introspect(this.pat, rpt).andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.break_glass").value(true))
			.andExpect(jsonPath("$.obligations", containsInAnyOrder("notify-subject", "review")));
		assertThat(audit(PermissionTicketValues.reference(ticket))).contains("DECISION permit break-glass");
		Integer flagged = this.jdbc.queryForObject(
				"SELECT COUNT(*) FROM audit_record WHERE correlation_id = ?"
						+ " AND break_glass = TRUE AND obligations IS NOT NULL",
				Integer.class, PermissionTicketValues.reference(ticket));
		assertThat(flagged).isEqualTo(1);
	}

	@Test
	void grantWhenAuditLogCannotBeWrittenThenRefusedAs503AndNoRpt() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String ticket = ticket(this.pat, resource);
		String retry;
		try (java.sql.Connection holder = this.dataSource.getConnection()) {
			holder.setAutoCommit(false);
			// another transaction holds the chain head: no audit record can be appended
			// meanwhile
			try (java.sql.Statement lock = holder.createStatement()) {
				lock.executeQuery("SELECT last_seq FROM audit_chain_head WHERE id = 1 FOR UPDATE").close();
			}
			retry = (String) TestOAuth
				.json(token(this.gp, ticket, claims("TREAT", "clinician", null))
					.andExpect(status().isServiceUnavailable())
					.andExpect(jsonPath("$.error").value("temporarily_unavailable"))
					.andExpect(jsonPath("$.access_token").doesNotExist())
					.andReturn())
				.get("ticket");
			holder.rollback();
		}
		assertThat(audit(PermissionTicketValues.reference(ticket))).as("no decision was recorded, so none was made")
			.containsExactly("REGISTRATION_CHANGE permit permission-registered");
		assertThat(new ChainVerifier(this.dataSource).verify().ok()).isTrue();
		// the presented ticket is spent, but the 503 came with a fresh one for the same
		// permissions
		assertThat(retry).isNotNull().isNotEqualTo(ticket);
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		String rpt = rpt(token(this.gp, retry, claims("TREAT", "clinician", null)));
		assertThat(((List<?>) TestOAuth.jwtClaims(rpt).get("permissions"))).hasSize(1);
	}

	@Test
	void grantWhenRptPresentedWithANewTicketThenUpgradedRptHoldsBothAndTheOldOneIsRevoked() throws Exception {
		String medications = registerResource(this.pat, "medications", this.citizen);
		String allergies = registerResource(this.pat, "allergies", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String first = rpt(token(this.gp, ticket(this.pat, medications), claims("TREAT", "clinician", null)));

		Map<String, Object> response = TestOAuth
			.json(token(this.gp, ticket(this.pat, allergies), claims("TREAT", "clinician", null), first)
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.upgraded").value(true))
				.andReturn());
		String upgraded = (String) response.get("access_token");

		List<Object> granted = new ArrayList<>();
		((List<?>) TestOAuth.jwtClaims(upgraded).get("permissions"))
			.forEach((permission) -> granted.add(((Map<?, ?>) permission).get("resource_id")));
		assertThat(granted).containsExactlyInAnyOrder(medications, allergies);
		introspect(this.pat, upgraded).andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.permissions[*].resource_id", containsInAnyOrder(medications, allergies)));
		introspect(this.pat, first).andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void grantWhenRptToUpgradeIsAnotherClientsThenInvalidGrant() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String theirs = rpt(token(this.gp, ticket(this.pat, resource), claims("TREAT", "clinician", null)));
		TestAgency otherGp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		declareRelationship(otherGp, this.citizen);
		token(otherGp, ticket(this.pat, resource), claims("TREAT", "clinician", null), theirs)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		token(otherGp, ticket(this.pat, resource), claims("TREAT", "clinician", null), "not-a-token")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		introspect(this.pat, theirs).andExpect(jsonPath("$.active").value(true));
	}

	static String rpt(ResultActions response) throws Exception {
		return (String) TestOAuth.json(response.andExpect(status().isOk()).andReturn()).get("access_token");
	}

	ResultActions token(TestAgency client, String ticket, String claimToken, String rpt) throws Exception {
		return this.mvc.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic(client))
			.param("grant_type", UMA_GRANT)
			.param("ticket", ticket)
			.param("rpt", rpt)
			.param("claim_token", claimToken)
			.param("claim_token_format", ClaimTokenVerifier.PRACTITIONER_CLAIMS));
	}

	@Test
	void grantWhenTicketPresentedTwiceThenSecondIsInvalidGrant() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		String ticket = ticket(this.pat, resource);
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isOk());
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenTicketExpiredThenInvalidGrant() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		Instant issued = Instant.now().minusSeconds(600);
		String ticket = this.tickets.issue(new PermissionTicket(this.hospital.code(), this.hospital.clientId(),
				List.of(new UmaPermission(resource, java.util.Set.of("read"))), issued, issued.plusSeconds(300)));
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenTicketUnknownThenInvalidGrant() throws Exception {
		token(this.gp, "no-such-ticket", claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenTicketOfAnotherResourceServerThenInvalidGrant() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		Instant now = Instant.now();
		String ticket = this.tickets.issue(new PermissionTicket("OTHERRS", "other-rs-client",
				List.of(new UmaPermission(resource, java.util.Set.of("read"))), now, now.plusSeconds(60)));
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		assertThat(audit(PermissionTicketValues.reference(ticket))).containsExactly("REFUSED error invalid-grant");
	}

	@Test
	void grantWhenResourceDeletedAfterTicketThenInvalidGrant() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		String ticket = ticket(this.pat, resource);
		this.mvc.perform(delete("/uma/resource_set/" + resource).header(HttpHeaders.AUTHORIZATION, bearer(this.pat)))
			.andExpect(status().isNoContent());
		token(this.gp, ticket, claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
	}

	@Test
	void grantWhenClientLacksUmaAuthorizationScopeThenUnauthorizedClient() throws Exception {
		TestAgency other = this.agencies.register(OrgType.GP, "decision");
		String resource = registerResource(this.pat, "medications", this.citizen);
		token(other, ticket(this.pat, resource), claims("TREAT", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("unauthorized_client"));
	}

	@Test
	void grantWhenPurposeUnknownThenInvalidRequestAuditedAsError() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		String ticket = ticket(this.pat, resource);
		token(this.gp, ticket, claims("sightseeing", "clinician", null)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
		assertThat(audit(PermissionTicketValues.reference(ticket))).contains("INVALID_REQUEST error invalid-request");
	}

	@Test
	void grantWhenTicketParameterMissingThenInvalidRequest() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic(this.gp))
				.param("grant_type", UMA_GRANT))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_request"));
	}

	@Test
	void introspectionWhenRelationshipEndsThenRptInactiveForGood() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		MvcResult result = token(this.gp, ticket(this.pat, resource), claims("TREAT", "clinician", null))
			.andExpect(status().isOk())
			.andReturn();
		String rpt = (String) TestOAuth.json(result).get("access_token");
		introspect(this.pat, rpt).andExpect(jsonPath("$.active").value(true));

		this.mvc
			.perform(delete("/api/relationships")
				.header(HttpHeaders.AUTHORIZATION, bearer(this.gp.accessToken("decision")))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + this.citizen + "\"}"))
			.andExpect(status().isOk());
		introspect(this.pat, rpt).andExpect(jsonPath("$.active").value(false));

		// invalidated for good: restoring the relationship does not revive it
		declareRelationship(this.gp, this.citizen);
		introspect(this.pat, rpt).andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void introspectionWhenAnotherResourceServerThenInactive() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		MvcResult result = token(this.gp, ticket(this.pat, resource), claims("TREAT", "clinician", null))
			.andExpect(status().isOk())
			.andReturn();
		String rpt = (String) TestOAuth.json(result).get("access_token");
		String otherPat = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection").accessToken();
		introspect(otherPat, rpt).andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void introspectionWhenPatIntrospectsNonRptThenInactive() throws Exception {
		introspect(this.pat, this.gp.accessToken("decision")).andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(false));
	}

	@Test
	void introspectionWhenBearerIsNotAValidPatThenInvalidClient() throws Exception {
		introspect("not-a-jwt", "x").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
		String withoutProtection = this.gp.accessToken("decision");
		introspect(withoutProtection, "x").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
		String tampered = this.pat.substring(0, this.pat.length() - 4) + "AAAA";
		introspect(tampered, "x").andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.error").value("invalid_client"));
	}

	@Test
	void tokenEndpointWhenPatAsBearerThenNotAClientCredential() throws Exception {
		this.mvc
			.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, bearer(this.pat))
				.param("grant_type", "client_credentials"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.access_token").doesNotExist());
	}

	@Test
	void introspectionWhenClientAuthenticatedResourceServerThenRptShown() throws Exception {
		String resource = registerResource(this.pat, "medications", this.citizen);
		declareRelationship(this.gp, this.citizen);
		MvcResult result = token(this.gp, ticket(this.pat, resource), claims("TREAT", "clinician", null))
			.andExpect(status().isOk())
			.andReturn();
		String rpt = (String) TestOAuth.json(result).get("access_token");
		this.mvc
			.perform(post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, basic(this.hospital))
				.param("token", rpt))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.permissions[0].resource_id").value(resource));
	}

	@Test
	void tokenMetadataWhenRequestedThenAdvertisesUmaGrant() throws Exception {
		this.mvc
			.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
				.get("/.well-known/oauth-authorization-server"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.grant_types_supported", hasItem(UMA_GRANT)));
	}

	// --- fixtures of the flow ---

	String registerResource(String pat, String category, String subject) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", category + " of a patient");
		body.put("type", ResourceDescription.CATEGORY_TYPE_PREFIX + category);
		body.put("resource_scopes", List.of("read"));
		body.put("subject", subject);
		MvcResult result = this.mvc
			.perform(post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, bearer(pat))
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(body)))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(result).get("_id");
	}

	String ticket(String pat, String... resourceIds) throws Exception {
		List<Map<String, Object>> permissions = new ArrayList<>();
		for (String id : resourceIds) {
			permissions.add(Map.of("resource_id", id, "resource_scopes", List.of("read")));
		}
		MvcResult result = this.mvc
			.perform(post("/uma/permission").header(HttpHeaders.AUTHORIZATION, bearer(pat))
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(permissions)))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(result).get("ticket");
	}

	void declareRelationship(TestAgency agency, String subject) throws Exception {
		declareRelationship(agency.accessToken("decision"), subject);
	}

	void declareRelationship(String token, String subject) throws Exception {
		this.mvc
			.perform(post("/api/relationships").header(HttpHeaders.AUTHORIZATION, bearer(token))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + subject + "\"}"))
			.andExpect(status().is2xxSuccessful());
	}

	ResultActions token(TestAgency client, String ticket, String claimToken) throws Exception {
		return this.mvc.perform(post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, basic(client))
			.param("grant_type", UMA_GRANT)
			.param("ticket", ticket)
			.param("claim_token", claimToken)
			.param("claim_token_format", ClaimTokenVerifier.PRACTITIONER_CLAIMS));
	}

	ResultActions introspect(String pat, String token) throws Exception {
		return this.mvc
			.perform(post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, bearer(pat)).param("token", token));
	}

	/** The audit records of a flow: "EVENT_TYPE decision reason_code", in order. */
	List<String> audit(String correlationId) {
		return this.jdbc.query(
				"SELECT event_type, decision, reason_code FROM audit_record WHERE correlation_id = ?" + " ORDER BY seq",
				(rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3), correlationId);
	}

	public static String claims(String purpose, String role, String breakGlassReason) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (purpose != null) {
			claims.put("purpose_of_use", purpose);
		}
		if (role != null) {
			claims.put("practitioner_role", role);
		}
		claims.put("practitioner_id", "P-" + UUID.randomUUID().toString().substring(0, 8));
		if (breakGlassReason != null) {
			claims.put("break_glass_reason", breakGlassReason);
		}
		long now = Instant.now().getEpochSecond();
		claims.put("iat", now);
		claims.put("exp", now + 120);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(TestOAuth.toJson(claims).getBytes(StandardCharsets.UTF_8));
	}

	TestAgency keyedGp(RSAKey key) {
		return this.agencies.agency(OrgType.GP)
			.authMethod("private_key_jwt")
			.scopes("uma_authorization", "decision")
			.jwks(new JWKSet(key.toPublicJWK()).toJSONObject(true), "RS256")
			.register();
	}

	static String signedClaims(RSAKey key, String clientId, String audience, Instant expiresAt) throws Exception {
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId)
			.audience(audience)
			.issueTime(Date.from(expiresAt.minusSeconds(180)))
			.expirationTime(Date.from(expiresAt))
			.claim("purpose_of_use", "TREAT")
			.claim("practitioner_role", "clinician")
			.claim("practitioner_id", "P-1")
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(key));
		return jwt.serialize();
	}

	ResultActions keyedToken(TestAgency client, RSAKey key, String ticket, String claimToken, String format)
			throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet assertion = new JWTClaimsSet.Builder().issuer(client.clientId())
			.subject(client.clientId())
			.audience("http://localhost/oauth2/token")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(60)))
			.jwtID(UUID.randomUUID().toString())
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
				assertion);
		jwt.sign(new RSASSASigner(key));
		MockHttpServletRequestBuilder request = post("/oauth2/token").param("grant_type", UMA_GRANT)
			.param("client_id", client.clientId())
			.param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
			.param("client_assertion", jwt.serialize())
			.param("ticket", ticket)
			.param("claim_token", claimToken)
			.param("claim_token_format", format);
		return this.mvc.perform(request);
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	public static String basic(TestAgency agency) {
		return TestOAuth.basic(agency.clientId(), agency.clientSecret());
	}

}
