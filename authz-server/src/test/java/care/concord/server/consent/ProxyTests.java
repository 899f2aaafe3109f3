package care.concord.server.consent;

import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestPeople;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditQuery;
import care.concord.server.audit.AuditRecord;
import care.concord.server.audit.AuditSearch;
import care.concord.server.consent.ConsentFixtures.Account;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Proxies: a citizen names a carer, who then manages the citizen's consent through
 * {@code /api/citizens/{nhs}}, audited as the carer on behalf of the citizen; nobody else
 * gets through, and withdrawal ends it.
 */
@ConcordIntegrationTest
class ProxyTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AuditSearch auditSearch;

	@Autowired
	ConsentStore store;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	private void name(Account citizen, Account proxy) throws Exception {
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of("username", proxy.username())))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.username").value(proxy.username()));
	}

	@Test
	void proxyWhenNamedThenManagesDirectivesAuditedOnBehalfOfCitizen() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		name(citizen, carer);
		this.mvc.perform(bearer(get("/api/citizens"), carer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].nhs_number").value(citizen.nhsNumber()))
			.andExpect(jsonPath("$[0].username").value(citizen.username()));
		String base = "/api/citizens/" + citizen.nhsNumber();
		String id = com.jayway.jsonpath.JsonPath.read(this.mvc
			.perform(json(post(base + "/directives"), carer,
					Map.of("effect", "deny", "categories", List.of("sexual-health"))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.directive.recorded_by").value(carer.username()))
			.andExpect(jsonPath("$.directive.on_behalf_of").value(citizen.username()))
			.andReturn()
			.getResponse()
			.getContentAsString(), "$.directive.id");
		this.mvc.perform(json(put(base + "/opt-out"), carer, Map.of("national_data_opt_out", true)))
			.andExpect(status().isOk());
		this.mvc.perform(bearer(get("/api/me/directives"), citizen))
			.andExpect(jsonPath("$.directives[0].id").value(id));
		this.mvc.perform(bearer(get(base + "/receipts"), carer)).andExpect(jsonPath("$.total").value(2));
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		assertThat(this.store.consentVersion(NhsNumber.parse(carer.nhsNumber()))).isZero();
		List<AuditRecord> changes = this.auditSearch
			.search(new AuditQuery(nhs, null, null, null, null, null, null, null, AuditEventType.CONSENT_CHANGE), 0, 10)
			.records();
		assertThat(changes)
			.filteredOn((r) -> r.reasonCode().startsWith("directive-") || r.reasonCode().startsWith("national"))
			.hasSize(2)
			.allSatisfy((r) -> {
				assertThat(r.actorUsername()).isEqualTo(carer.username());
				assertThat(r.onBehalfOf()).isEqualTo(citizen.username());
			});
		this.mvc.perform(bearer(get("/api/me/receipts"), citizen))
			.andExpect(jsonPath("$.receipts[0].actor").value(carer.username()))
			.andExpect(jsonPath("$.receipts[0].on_behalf_of").value(citizen.username()));
	}

	@Test
	void proxyWhenWithdrawnThenForbidden() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		name(citizen, carer);
		String base = "/api/citizens/" + citizen.nhsNumber();
		this.mvc.perform(bearer(get(base + "/directives"), carer)).andExpect(status().isOk());
		this.mvc.perform(bearer(delete("/api/me/proxies/" + carer.username()), citizen))
			.andExpect(status().isNoContent());
		this.mvc.perform(bearer(get(base + "/directives"), carer)).andExpect(status().isForbidden());
		this.mvc.perform(json(post(base + "/directives"), carer, Map.of("effect", "permit")))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(get("/api/me/proxies"), citizen)).andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(bearer(delete("/api/me/proxies/" + carer.username()), citizen))
			.andExpect(status().isNotFound());
	}

	@Test
	void proxyWhenNamedByOneCitizenThenCannotReachAnother() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account stranger = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		name(citizen, carer);
		String id = directiveId(this.fixtures.addDirective(stranger, Map.of("effect", "permit")));
		String strangerBase = "/api/citizens/" + stranger.nhsNumber();
		this.mvc.perform(bearer(get(strangerBase + "/directives"), carer)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(delete(strangerBase + "/directives/" + id), carer)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(get(strangerBase + "/access-log"), carer)).andExpect(status().isForbidden());
		this.mvc.perform(bearer(get(strangerBase + "/consent.fhir"), carer)).andExpect(status().isForbidden());
		// a directive id of another citizen through the right citizen's path is simply
		// not found
		this.mvc.perform(bearer(delete("/api/citizens/" + citizen.nhsNumber() + "/directives/" + id), carer))
			.andExpect(status().isNotFound());
		assertThat(this.store.current(NhsNumber.parse(stranger.nhsNumber()), id).orElseThrow().isActive()).isTrue();
		this.mvc.perform(bearer(get("/api/citizens/not-a-number/directives"), carer))
			.andExpect(status().isBadRequest());
	}

	@Test
	void proxiesWhenProxyTriesToNameFurtherProxiesOrBadUsernameThenRefused() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		name(citizen, carer);
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of("username", carer.username())))
			.andExpect(status().isConflict());
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of("username", citizen.username())))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("username"));
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of("username", "nobody-" + System.nanoTime())))
			.andExpect(status().isBadRequest());
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of())).andExpect(status().isBadRequest());
		// The carer's own /api/me/proxies is about the carer's consent, never the
		// citizen's.
		this.mvc.perform(bearer(get("/api/me/proxies"), carer)).andExpect(jsonPath("$.length()").value(0));
		this.mvc.perform(bearer(get("/api/me/proxies"), citizen))
			.andExpect(jsonPath("$.length()").value(1))
			.andExpect(jsonPath("$[0].username").value(carer.username()));
	}

}
