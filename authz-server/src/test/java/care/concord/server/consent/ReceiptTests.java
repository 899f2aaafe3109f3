package care.concord.server.consent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestPeople;
import care.concord.server.consent.ConsentFixtures.Account;
import care.concord.server.consent.receipt.ReceiptIssuer;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.directiveId;
import static care.concord.server.consent.ConsentFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Consent receipts: signed with Concord's current key and verifiable with
 * {@code /oauth2/jwks}, carrying the Kantara / ISO 27560 fields, stored, listed and
 * readable only by their citizen.
 */
@ConcordIntegrationTest
class ReceiptTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	@Test
	void receiptWhenDirectiveAddedThenSignedJwsVerifiesWithPublishedJwks() throws Exception {
		Account citizen = this.fixtures.citizen();
		Map<String, Object> response = this.fixtures.addDirective(citizen,
				Map.of("effect", "deny", "categories", List.of("mental-health"), "purposes", List.of("research")));
		@SuppressWarnings("unchecked")
		String jws = (String) ((Map<String, Object>) response.get("receipt")).get("jws");
		SignedJWT receipt = SignedJWT.parse(jws);
		assertThat(receipt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(receipt.getHeader().getType().getType()).isEqualTo(ReceiptIssuer.TYPE);
		String jwks = this.mvc.perform(get("/oauth2/jwks"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
		RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(receipt.getHeader().getKeyID());
		assertThat(key).as("the receipt's kid is published").isNotNull();
		assertThat(receipt.verify(new RSASSAVerifier(key))).isTrue();

		Map<String, Object> claims = receipt.getJWTClaimsSet().getClaims();
		String directiveId = directiveId(response);
		assertThat(claims).containsEntry("version", ReceiptIssuer.RECEIPT_VERSION)
			.containsEntry("jurisdiction", "GB")
			.containsEntry("sub", citizen.nhsNumber())
			.containsEntry("piiPrincipalId", citizen.nhsNumber())
			.containsEntry("notice_version", "2026-11")
			.containsEntry("policyUrl", ReceiptIssuer.POLICY_PREFIX + "2026-11")
			.containsEntry("national_data_opt_out", false)
			.containsKeys("jti", "iat", "consentTimestamp", "piiControllers");
		assertThat(claims.get("consentReceiptID")).isEqualTo(receipt.getJWTClaimsSet().getJWTID());
		assertThat(claims.get("actor").toString()).contains(citizen.username());
		assertThat(claims.get("changes").toString()).contains("directive-created", directiveId);
		assertThat(claims.get("directives").toString()).contains(directiveId, "mental-health", "research");
		assertThat(claims.get("piiControllers").toString()).contains("Concord");
	}

	@Test
	void receiptWhenTamperedThenSignatureFails() throws Exception {
		Account citizen = this.fixtures.citizen();
		Map<String, Object> response = this.fixtures.addDirective(citizen, Map.of("effect", "permit"));
		@SuppressWarnings("unchecked")
		String jws = (String) ((Map<String, Object>) response.get("receipt")).get("jws");
		String[] parts = jws.split("\\.");
		String forged = parts[0] + "."
				+ java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString("{\"national_data_opt_out\":true}".getBytes(StandardCharsets.UTF_8))
				+ "." + parts[2];
		String jwks = this.mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString();
		SignedJWT parsed = SignedJWT.parse(forged);
		RSAKey key = (RSAKey) JWKSet.parse(jwks).getKeyByKeyId(parsed.getHeader().getKeyID());
		assertThat(parsed.verify(new RSASSAVerifier(key))).isFalse();
	}

	@Test
	void receiptsWhenSeveralChangesThenListedNewestFirstAndEachReadable() throws Exception {
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "permit")));
		this.mvc.perform(json(put("/api/me/directives/" + id), citizen, Map.of("effect", "deny")))
			.andExpect(status().isOk());
		this.mvc.perform(bearer(delete("/api/me/directives/" + id), citizen)).andExpect(status().isOk());
		this.mvc.perform(bearer(get("/api/me/receipts").param("size", "2"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.receipts.length()").value(2))
			.andExpect(jsonPath("$.receipts[0].action").value("directive-revoked"))
			.andExpect(jsonPath("$.receipts[0].consent_version").value(3))
			.andExpect(jsonPath("$.receipts[1].action").value("directive-changed"));
		String receiptId = com.jayway.jsonpath.JsonPath
			.read(this.mvc.perform(bearer(get("/api/me/receipts").param("page", "1").param("size", "2"), citizen))
				.andExpect(jsonPath("$.receipts.length()").value(1))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.receipts[0].id");
		this.mvc.perform(bearer(get("/api/me/receipts/" + receiptId), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.action").value("directive-created"))
			.andExpect(jsonPath("$.kid").isString())
			.andExpect(jsonPath("$.jws").isString())
			.andExpect(jsonPath("$.claims.jti").value(receiptId))
			.andExpect(jsonPath("$.claims.changes[0].directive_id").value(id));
	}

	@Test
	void receiptWhenAnotherCitizensIdThenNotFound() throws Exception {
		Account owner = this.fixtures.citizen();
		Account intruder = this.fixtures.citizen();
		@SuppressWarnings("unchecked")
		String receiptId = (String) ((Map<String, Object>) this.fixtures.addDirective(owner, Map.of("effect", "permit"))
			.get("receipt")).get("id");
		this.mvc.perform(bearer(get("/api/me/receipts/" + receiptId), owner)).andExpect(status().isOk());
		this.mvc.perform(bearer(get("/api/me/receipts/" + receiptId), intruder))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.code").value("not-found"));
		this.mvc.perform(bearer(get("/api/me/receipts"), intruder)).andExpect(jsonPath("$.total").value(0));
		this.mvc.perform(bearer(get("/api/citizens/" + owner.nhsNumber() + "/receipts/" + receiptId), intruder))
			.andExpect(status().isForbidden());
	}

	@Test
	void receiptsWhenBadPagingThenProblem() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc.perform(bearer(get("/api/me/receipts").param("size", "0"), citizen))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
		this.mvc.perform(bearer(get("/api/me/receipts").param("page", "-1"), citizen))
			.andExpect(status().isBadRequest());
		this.mvc.perform(bearer(get("/api/me/receipts").param("page", "abc"), citizen))
			.andExpect(status().isBadRequest());
	}

}
