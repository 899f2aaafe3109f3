package care.concord.server.consent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditQuery;
import care.concord.server.audit.AuditRecord;
import care.concord.server.audit.AuditSearch;
import care.concord.server.consent.ConsentFixtures.Account;
import care.concord.server.decision.CitizenConsentSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.directiveId;
import static care.concord.server.consent.ConsentFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's directive API over HTTP: lifecycle and versions, validation as problem
 * details with nothing written, audit, the consent version and its event, and immediate
 * effect on the {@link CitizenConsentSource}.
 */
@ConcordIntegrationTest
@RecordApplicationEvents
class ConsentControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	AuditSearch auditSearch;

	@Autowired
	CitizenConsentSource consentSource;

	@Autowired
	ConsentStore store;

	@Autowired
	ApplicationEvents events;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	static Map<String, Object> denyMentalHealthToSocialCare() {
		return Map.of("effect", "deny", "org_types", List.of("social-care"), "categories", List.of("mental-health"));
	}

	@Test
	void addWhenValidDirectiveThenCreatedAsVersionOneWithReceipt() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc.perform(json(post("/api/me/directives"), citizen, denyMentalHealthToSocialCare()))
			.andExpect(status().isCreated())
			.andExpect(header().string(HttpHeaders.LOCATION, org.hamcrest.Matchers.startsWith("/api/me/directives/")))
			.andExpect(jsonPath("$.directive.version").value(1))
			.andExpect(jsonPath("$.directive.status").value("active"))
			.andExpect(jsonPath("$.directive.effect").value("deny"))
			.andExpect(jsonPath("$.directive.org_types[0]").value("social-care"))
			.andExpect(jsonPath("$.directive.categories[0]").value("mental-health"))
			.andExpect(jsonPath("$.directive.recorded_by").value(citizen.username()))
			.andExpect(jsonPath("$.receipt.id").isString())
			.andExpect(jsonPath("$.receipt.jws").isString())
			.andExpect(jsonPath("$.consent_version").value(1));
		this.mvc.perform(bearer(get("/api/me/directives"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.directives.length()").value(1))
			.andExpect(jsonPath("$.consent_version").value(1));
	}

	@Test
	void changeWhenActiveThenNewVersionWithStableIdAndHistoryKeepsEveryVersion() throws Exception {
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, denyMentalHealthToSocialCare()));
		String trust = this.agencies.registerAgency(OrgType.MENTAL_HEALTH_TRUST);
		this.mvc
			.perform(json(put("/api/me/directives/" + id), citizen,
					Map.of("effect", "permit", "organisations", List.of(trust), "categories", List.of("genomic"))))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.directive.id").value(id))
			.andExpect(jsonPath("$.directive.version").value(2))
			.andExpect(jsonPath("$.directive.effect").value("permit"))
			.andExpect(jsonPath("$.directive.organisations[0]").value(trust))
			.andExpect(jsonPath("$.consent_version").value(2));
		this.mvc.perform(bearer(get("/api/me/directives/" + id + "/history"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.versions.length()").value(2))
			.andExpect(jsonPath("$.versions[0].version").value(1))
			.andExpect(jsonPath("$.versions[0].effect").value("deny"))
			.andExpect(jsonPath("$.versions[1].version").value(2))
			.andExpect(jsonPath("$.versions[1].effect").value("permit"));
	}

	@Test
	void revokeWhenActiveThenRevokedVersionAndLaterChangesConflict() throws Exception {
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, denyMentalHealthToSocialCare()));
		this.mvc.perform(bearer(delete("/api/me/directives/" + id), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.directive.status").value("revoked"))
			.andExpect(jsonPath("$.directive.version").value(2))
			.andExpect(jsonPath("$.directive.revoked_at").isString())
			.andExpect(jsonPath("$.receipt.jws").isString());
		this.mvc.perform(bearer(delete("/api/me/directives/" + id), citizen))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(json(put("/api/me/directives/" + id), citizen, denyMentalHealthToSocialCare()))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.code").value("conflict"));
		this.mvc.perform(bearer(get("/api/me/directives"), citizen))
			.andExpect(jsonPath("$.directives.length()").value(0));
		this.mvc.perform(bearer(get("/api/me/directives").param("status", "revoked"), citizen))
			.andExpect(jsonPath("$.directives.length()").value(1))
			.andExpect(jsonPath("$.directives[0].id").value(id));
		this.mvc.perform(bearer(get("/api/me/directives/" + id + "/history"), citizen))
			.andExpect(jsonPath("$.versions.length()").value(2));
	}

	@Test
	void addWhenUnknownCategoryThenProblemNamingFieldAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc
			.perform(json(post("/api/me/directives"), citizen,
					Map.of("effect", "deny", "categories", List.of("mental-health", "horoscope"))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("validation-failed"))
			.andExpect(jsonPath("$.errors[0].field").value("categories"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("horoscope")));
		assertNothingWritten(citizen);
	}

	@Test
	void addWhenUnknownOrgTypePurposeOrEffectThenProblemNamingEachField() throws Exception {
		Account citizen = this.fixtures.citizen();
		Map<String, Map<String, Object>> cases = Map.of("org_types",
				Map.of("effect", "deny", "org_types", List.of("casino")), "purposes",
				Map.of("effect", "deny", "purposes", List.of("marketing")), "effect", Map.of("effect", "maybe"),
				"roles", Map.of("effect", "deny", "roles", List.of("Chief Clinician")), "organisations",
				Map.of("effect", "deny", "organisations", List.of("RRP; DROP TABLE")));
		for (Map.Entry<String, Map<String, Object>> entry : cases.entrySet()) {
			this.mvc.perform(json(post("/api/me/directives"), citizen, entry.getValue()))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(entry.getKey()));
		}
		assertNothingWritten(citizen);
	}

	@Test
	void addOrChangeWhenOrganisationIsNotARegisteredAgencyThenProblemNamingFieldAndCode() throws Exception {
		Account citizen = this.fixtures.citizen();
		String gp = this.agencies.registerAgency(OrgType.GP);
		String unknown = TestAgencies.randomCode();
		this.mvc
			.perform(json(post("/api/me/directives"), citizen,
					Map.of("effect", "deny", "organisations", List.of(gp, unknown))))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("organisations[1]"))
			.andExpect(jsonPath("$.errors[0].message")
				.value("'" + unknown + "' is not the code of an agency registered with Concord"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString(unknown)));
		assertNothingWritten(citizen);
		String id = directiveId(
				this.fixtures.addDirective(citizen, Map.of("effect", "deny", "organisations", List.of(gp))));
		this.mvc
			.perform(json(put("/api/me/directives/" + id), citizen,
					Map.of("effect", "deny", "organisations", List.of(unknown))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("organisations[0]"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(unknown)));
		this.mvc.perform(bearer(get("/api/me/directives/" + id), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.organisations[0]").value(gp));
	}

	@Test
	void addWhenAgencyIsDisabledThenStillAcceptedBecauseItIsRegistered() throws Exception {
		Account citizen = this.fixtures.citizen();
		String gp = this.agencies.registerAgency(OrgType.GP);
		this.agencies.disable(gp);
		this.mvc
			.perform(json(post("/api/me/directives"), citizen, Map.of("effect", "deny", "organisations", List.of(gp))))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.directive.organisations[0]").value(gp));
	}

	@Test
	void addWhenEndBeforeStartThenProblemNamingEnd() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc
			.perform(json(post("/api/me/directives"), citizen,
					Map.of("effect", "deny", "start", "2027-01-01T00:00:00Z", "end", "2026-01-01T00:00:00Z")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("end"));
		this.mvc.perform(json(post("/api/me/directives"), citizen, Map.of("effect", "deny", "start", "next tuesday")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("start"));
		assertNothingWritten(citizen);
	}

	@Test
	void addWhenListOversizedThenProblemAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		List<String> organisations = new ArrayList<>();
		for (int i = 0; i < 51; i++) {
			organisations.add("ORG" + i);
		}
		this.mvc
			.perform(
					json(post("/api/me/directives"), citizen, Map.of("effect", "deny", "organisations", organisations)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("organisations"));
		assertNothingWritten(citizen);
	}

	@Test
	void addWhenMalformedJsonThenProblemNot500() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc
			.perform(bearer(post("/api/me/directives"), citizen).contentType(MediaType.APPLICATION_JSON)
				.content("{\"effect\": \"deny\", \"categories\": [\"mental-health\""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("malformed-request"));
		this.mvc
			.perform(bearer(post("/api/me/directives"), citizen).contentType(MediaType.APPLICATION_JSON)
				.content("{\"effect\": \"deny\", \"categories\": {\"a\": 1}}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		assertNothingWritten(citizen);
	}

	@Test
	void addWhenBodyNamesAnotherCitizenThenRefusedNamingTheMemberAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account other = this.fixtures.citizen();
		for (String member : List.of("nhs_number", "subject", "id")) {
			Map<String, Object> body = new HashMap<>(denyMentalHealthToSocialCare());
			body.put(member, "id".equals(member) ? "chosen-id" : other.nhsNumber());
			this.mvc
				.perform(bearer(post("/api/me/directives"), citizen).contentType(MediaType.APPLICATION_JSON)
					.content(TestOAuth.toJson(body)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(member));
		}
		assertThat(this.store.state(NhsNumber.parse(citizen.nhsNumber())).directives()).isEmpty();
		assertThat(this.store.state(NhsNumber.parse(other.nhsNumber())).directives()).isEmpty();
	}

	@Test
	void directiveWhenAnotherCitizensIdThenNotFoundAndTheirDirectiveUnchanged() throws Exception {
		Account owner = this.fixtures.citizen();
		Account intruder = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(owner, denyMentalHealthToSocialCare()));
		this.mvc.perform(bearer(get("/api/me/directives/" + id), intruder)).andExpect(status().isNotFound());
		this.mvc.perform(bearer(get("/api/me/directives/" + id + "/history"), intruder))
			.andExpect(status().isNotFound());
		this.mvc.perform(json(put("/api/me/directives/" + id), intruder, Map.of("effect", "permit")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc.perform(bearer(delete("/api/me/directives/" + id), intruder)).andExpect(status().isNotFound());
		this.mvc.perform(bearer(get("/api/citizens/" + owner.nhsNumber() + "/directives"), intruder))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(json(post("/api/citizens/" + owner.nhsNumber() + "/directives"), intruder,
					denyMentalHealthToSocialCare()))
			.andExpect(status().isForbidden());
		this.mvc.perform(bearer(delete("/api/citizens/" + owner.nhsNumber() + "/directives/" + id), intruder))
			.andExpect(status().isForbidden());
		DirectiveVersion current = this.store.current(NhsNumber.parse(owner.nhsNumber()), id).orElseThrow();
		assertThat(current.version()).isEqualTo(1);
		assertThat(current.isActive()).isTrue();
		assertThat(this.store.consentVersion(NhsNumber.parse(intruder.nhsNumber()))).isZero();
	}

	@Test
	void citizenEndpointsWhenAgencyTokenThenForbidden() throws Exception {
		String agency = this.agencies.register(OrgType.GP, "decision").accessToken();
		this.mvc.perform(get("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(denyMentalHealthToSocialCare())))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/citizens/" + TestNhsNumbers.next() + "/directives").header(HttpHeaders.AUTHORIZATION,
				"Bearer " + agency))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/ig/citizens/" + TestNhsNumbers.next() + "/directives")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + agency)).andExpect(status().isForbidden());
		this.mvc.perform(get("/api/me/receipts").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/me/directives")).andExpect(status().isUnauthorized());
	}

	@Test
	void citizenEndpointsWhenIgOfficerOrAdminTokenThenForbidden() throws Exception {
		Account officer = this.fixtures.person("ig-officer");
		Account admin = this.fixtures.person("admin");
		this.mvc.perform(bearer(get("/api/me/directives"), officer)).andExpect(status().isForbidden());
		this.mvc.perform(json(post("/api/me/directives"), admin, denyMentalHealthToSocialCare()))
			.andExpect(status().isForbidden());
	}

	@Test
	void changeWhenCommittedThenAuditedVersionBumpedEventPublishedAndSourceSeesIt() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = directiveId(this.fixtures.addDirective(citizen, denyMentalHealthToSocialCare()));
		Citizen afterAdd = this.consentSource.currentConsent(nhs);
		assertThat(afterAdd.directives()).extracting((d) -> d.id()).containsExactly(id);
		this.mvc.perform(bearer(delete("/api/me/directives/" + id), citizen)).andExpect(status().isOk());
		assertThat(this.consentSource.currentConsent(nhs).directives()).isEmpty();
		assertThat(this.store.consentVersion(nhs)).isEqualTo(2);
		assertThat(this.events.stream(ConsentChangedEvent.class).filter((e) -> e.nhsNumber().equals(nhs)))
			.extracting(ConsentChangedEvent::version)
			.containsExactly(1L, 2L);
		List<AuditRecord> audit = this.auditSearch
			.search(new AuditQuery(nhs, null, null, null, null, null, null, null, AuditEventType.CONSENT_CHANGE), 0, 10)
			.records();
		assertThat(audit).extracting(AuditRecord::reasonCode)
			.containsExactly(ConsentChange.DIRECTIVE_REVOKED, ConsentChange.DIRECTIVE_CREATED);
		assertThat(audit).allSatisfy((record) -> {
			assertThat(record.actorUsername()).isEqualTo(citizen.username());
			assertThat(record.onBehalfOf()).isNull();
			assertThat(record.directiveId()).isEqualTo(id);
		});
	}

	@Test
	void optOutWhenSetThenStoredReceiptedAndSourceSeesIt() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		this.mvc.perform(bearer(get("/api/me/opt-out"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.national_data_opt_out").value(false))
			.andExpect(jsonPath("$.consent_version").value(0));
		this.mvc.perform(json(put("/api/me/opt-out"), citizen, Map.of("national_data_opt_out", true)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.national_data_opt_out").value(true))
			.andExpect(jsonPath("$.changed_at").isString())
			.andExpect(jsonPath("$.receipt.jws").isString());
		assertThat(this.consentSource.currentConsent(nhs).nationalOptOut()).isTrue();
		this.mvc.perform(json(put("/api/me/opt-out"), citizen, Map.of()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("national_data_opt_out"));
		this.mvc.perform(json(put("/api/me/opt-out"), citizen, Map.of("national_data_opt_out", false)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.national_data_opt_out").value(false));
		assertThat(this.consentSource.currentConsent(nhs).nationalOptOut()).isFalse();
	}

	@Test
	void consentWhenCitizenHasDirectivesThenSummaryShowsAll() throws Exception {
		Account citizen = this.fixtures.citizen();
		String kept = directiveId(this.fixtures.addDirective(citizen, denyMentalHealthToSocialCare()));
		String revoked = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "permit")));
		this.mvc.perform(bearer(delete("/api/me/directives/" + revoked), citizen)).andExpect(status().isOk());
		MvcResult result = this.mvc.perform(bearer(get("/api/me/consent"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.nhs_number").value(citizen.nhsNumber()))
			.andExpect(jsonPath("$.consent_version").value(3))
			.andReturn();
		assertThat(TestOAuth.json(result).get("directives").toString()).contains(kept, revoked);
	}

	private void assertNothingWritten(Account citizen) throws Exception {
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		assertThat(this.store.state(nhs).directives()).isEmpty();
		assertThat(this.store.consentVersion(nhs)).isZero();
		this.mvc.perform(bearer(get("/api/me/receipts"), citizen)).andExpect(jsonPath("$.total").value(0));
	}

}
