package care.concord.server.consent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.consent.ConsentFixtures.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultActions;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.directiveId;
import static care.concord.server.consent.ConsentFixtures.json;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Immediate effect of a consent change on outstanding UMA requesting party tokens: an RPT
 * granted on the strength of a citizen's permit directive stops introspecting as active
 * once the citizen revokes the directive (and one granted under implied consent stops
 * once the citizen adds a deny), because introspection re-decides against the citizen's
 * current consent read through the consent feature's {@code CitizenConsentSource}.
 */
@ConcordIntegrationTest
class RptRevocationTests {

	private static final String UMA_GRANT = "urn:ietf:params:oauth:grant-type:uma-ticket";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	ConsentFixtures fixtures;

	TestAgency hospital;

	String pat;

	TestAgency gp;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
		this.hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		this.pat = this.hospital.accessToken();
		this.gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
	}

	@Test
	void introspectWhenPermittingDirectiveRevokedThenEarlierRptInactive() throws Exception {
		Account citizen = this.fixtures.citizen();
		// mental-health is an explicit-consent category: only the citizen's permit lets
		// the GP in.
		String id = directiveId(this.fixtures.addDirective(citizen,
				Map.of("effect", "permit", "org_types", List.of("gp"), "categories", List.of("mental-health"))));
		String resource = registerResource("mental-health", citizen.nhsNumber());
		declareRelationship(citizen.nhsNumber());
		String rpt = rpt(ticket(resource));
		introspect(rpt).andExpect(status().isOk()).andExpect(jsonPath("$.active").value(true));

		this.mvc.perform(bearer(delete("/api/me/directives/" + id), citizen)).andExpect(status().isOk());

		introspect(rpt).andExpect(status().isOk()).andExpect(jsonPath("$.active").value(false));
		token(ticket(resource)).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.error").value("request_denied"));
	}

	@Test
	void introspectWhenCitizenAddsDenyThenEarlierImpliedConsentRptInactive() throws Exception {
		Account citizen = this.fixtures.citizen();
		String resource = registerResource("medications", citizen.nhsNumber());
		declareRelationship(citizen.nhsNumber());
		String rpt = rpt(ticket(resource));
		introspect(rpt).andExpect(jsonPath("$.active").value(true));

		this.mvc
			.perform(json(post("/api/me/directives"), citizen,
					Map.of("effect", "deny", "organisations", List.of(this.gp.code()))))
			.andExpect(status().isCreated());

		introspect(rpt).andExpect(jsonPath("$.active").value(false));
	}

	private String registerResource(String category, String subject) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("name", category + " of a patient");
		body.put("type", "https://concord.care/category/" + category);
		body.put("resource_scopes", List.of("read"));
		body.put("subject", subject);
		MvcResult result = this.mvc
			.perform(post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.pat)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(body)))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(result).get("_id");
	}

	private String ticket(String resource) throws Exception {
		MvcResult result = this.mvc
			.perform(
					post("/uma/permission").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.pat)
						.contentType(MediaType.APPLICATION_JSON)
						.content(TestOAuth
							.toJson(List.of(Map.of("resource_id", resource, "resource_scopes", List.of("read"))))))
			.andExpect(status().isCreated())
			.andReturn();
		return (String) TestOAuth.json(result).get("ticket");
	}

	private void declareRelationship(String subject) throws Exception {
		this.mvc
			.perform(post("/api/relationships")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken("decision"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + subject + "\"}"))
			.andExpect(status().is2xxSuccessful());
	}

	private ResultActions token(String ticket) throws Exception {
		return this.mvc.perform(post("/oauth2/token")
			.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(this.gp.clientId(), this.gp.clientSecret()))
			.param("grant_type", UMA_GRANT)
			.param("ticket", ticket)
			.param("claim_token", claims())
			.param("claim_token_format", "urn:concord:claim-token:practitioner-claims"));
	}

	private String rpt(String ticket) throws Exception {
		MvcResult result = token(ticket).andExpect(status().isOk()).andReturn();
		return (String) TestOAuth.json(result).get("access_token");
	}

	private ResultActions introspect(String rpt) throws Exception {
		return this.mvc.perform(
				post("/oauth2/introspect").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.pat).param("token", rpt));
	}

	private static String claims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("purpose_of_use", "TREAT");
		claims.put("practitioner_role", "clinician");
		claims.put("practitioner_id", "P-12345");
		long now = Instant.now().getEpochSecond();
		claims.put("iat", now);
		claims.put("exp", now + 120);
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(TestOAuth.toJson(claims).getBytes(StandardCharsets.UTF_8));
	}

}
