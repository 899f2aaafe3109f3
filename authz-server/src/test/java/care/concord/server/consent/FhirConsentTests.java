package care.concord.server.consent;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestPeople;
import care.concord.server.consent.ConsentFixtures.Account;
import care.concord.server.consent.fhir.FhirConsentMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.directiveId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET/PUT /api/me/consent.fhir}: export as FHIR R4 Consent, import replacing the
 * directives, round trip, and refusal of what the directive model cannot represent.
 */
@ConcordIntegrationTest
class FhirConsentTests {

	private static final MediaType FHIR = MediaType.parseMediaType("application/fhir+json");

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	ConsentStore store;

	@Autowired
	TestAgencies agencies;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	private String export(Account citizen) throws Exception {
		return this.mvc.perform(bearer(get("/api/me/consent.fhir"), citizen))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	@Test
	void exportWhenDirectivesThenConsentWithNestedProvisionsAndNhsIdentifiers() throws Exception {
		Account citizen = this.fixtures.citizen();
		String trust = this.agencies.registerAgency(OrgType.MENTAL_HEALTH_TRUST);
		String id = directiveId(this.fixtures.addDirective(citizen,
				Map.of("effect", "deny", "organisations", List.of(trust), "org_types", List.of("social-care"), "roles",
						List.of("social-worker"), "categories", List.of("mental-health"), "purposes",
						List.of("direct-care"), "start", "2026-12-01T00:00:00Z", "end", "2027-12-01T00:00:00Z")));
		this.mvc.perform(bearer(get("/api/me/consent.fhir"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.resourceType").value("Consent"))
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.scope.coding[0].code").value("patient-privacy"))
			.andExpect(jsonPath("$.patient.identifier.system").value(FhirConsentMapper.NHS_NUMBER_SYSTEM))
			.andExpect(jsonPath("$.patient.identifier.value").value(citizen.nhsNumber()))
			.andExpect(jsonPath("$.policy[0].uri").value(FhirConsentMapper.POLICY_PREFIX + "2026-11"))
			.andExpect(jsonPath("$.provision.provision[0].id").value(id))
			.andExpect(jsonPath("$.provision.provision[0].type").value("deny"))
			.andExpect(jsonPath("$.provision.provision[0].period.start").value("2026-12-01T00:00:00Z"))
			.andExpect(jsonPath("$.provision.provision[0].actor[0].reference.identifier.system")
				.value(FhirConsentMapper.ODS_SYSTEM))
			.andExpect(jsonPath("$.provision.provision[0].actor[0].reference.identifier.value").value(trust))
			.andExpect(jsonPath("$.provision.provision[0].actor[1].role.coding[0].system")
				.value(FhirConsentMapper.ORG_TYPE_SYSTEM))
			.andExpect(jsonPath("$.provision.provision[0].actor[1].role.coding[0].code").value("social-care"))
			.andExpect(jsonPath("$.provision.provision[0].actor[2].role.coding[0].code").value("social-worker"))
			.andExpect(jsonPath("$.provision.provision[0].purpose[0].system").value(FhirConsentMapper.PURPOSE_SYSTEM))
			.andExpect(jsonPath("$.provision.provision[0].purpose[0].code").value("TREAT"))
			.andExpect(jsonPath("$.provision.provision[0].class[0].system").value(FhirConsentMapper.CATEGORY_SYSTEM))
			.andExpect(jsonPath("$.provision.provision[0].class[0].code").value("mental-health"));
	}

	@Test
	void importWhenExportedConsentThenSameDirectivesAndNothingRecorded() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		this.fixtures.addDirective(citizen, Map.of("effect", "deny", "org_types", List.of("social-care", "research"),
				"categories", List.of("mental-health", "genomic"), "start", "2026-12-01T10:15:30.123456Z"));
		this.fixtures.addDirective(citizen,
				Map.of("effect", "permit", "organisations",
						List.of(this.agencies.registerAgency(OrgType.MENTAL_HEALTH_TRUST),
								this.agencies.registerAgency(OrgType.GP)),
						"purposes", List.of("research", "planning"), "roles", List.of("researcher")));
		ConsentState before = this.store.state(nhs);
		String exported = export(citizen);
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content(exported))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recorded.length()").value(0))
			.andExpect(jsonPath("$.directives.length()").value(2))
			.andExpect(jsonPath("$.receipt").doesNotExist());
		ConsentState after = this.store.state(nhs);
		assertThat(after.version()).isEqualTo(before.version());
		assertThat(after.toCitizen()).isEqualTo(before.toCitizen());
	}

	@Test
	void importWhenExportedIntoAnotherCitizenWithoutPatientThenSameDirectiveContent() throws Exception {
		Account source = this.fixtures.citizen();
		Account target = this.fixtures.citizen();
		this.fixtures.addDirective(source, Map.of("effect", "deny", "org_types", List.of("social-care"), "categories",
				List.of("mental-health"), "end", "2030-01-01T00:00:00Z"));
		String exported = export(source).replaceAll("\"patient\"\\s*:\\s*\\{[^}]*\\}[^}]*\\},", "");
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), target).contentType(FHIR).content(exported))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recorded.length()").value(1))
			.andExpect(jsonPath("$.receipt.jws").isString());
		var sourceDirective = this.store.state(NhsNumber.parse(source.nhsNumber())).activeDirectives().get(0);
		var targetDirective = this.store.state(NhsNumber.parse(target.nhsNumber())).activeDirectives().get(0);
		assertThat(targetDirective.id()).isNotEqualTo(sourceDirective.id());
		assertThat(DirectiveInput.of(targetDirective.directive()))
			.isEqualTo(DirectiveInput.of(sourceDirective.directive()));
	}

	@Test
	void importWhenProvisionsChangedAndLeftOutThenNewVersionsAndRevocationsInOneReceipt() throws Exception {
		Account citizen = this.fixtures.citizen();
		String kept = directiveId(
				this.fixtures.addDirective(citizen, Map.of("effect", "deny", "categories", List.of("mental-health"))));
		String dropped = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "permit")));
		String consent = """
				{"resourceType": "Consent", "status": "active",
				 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
				                       "code": "patient-privacy"}]},
				 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
				 "policy": [{"uri": "urn:concord:consent-notice:2026-11"}],
				 "patient": {"identifier": {"system": "https://fhir.nhs.uk/Id/nhs-number", "value": "%s"}},
				 "extension": [{"url": "%s", "valueBoolean": true}],
				 "provision": {"provision": [
				   {"id": "%s", "type": "deny", "class": [
				     {"system": "%s", "code": "mental-health"}, {"system": "%s", "code": "sexual-health"}]},
				   {"type": "permit", "purpose": [{"system": "%s", "code": "HRESCH"}],
				    "actor": [{"role": {"coding": [{"system": "%s", "code": "research"}]},
				               "reference": {"display": "any research organisation"}}]}
				 ]}}
				""".formatted(citizen.nhsNumber(), FhirConsentMapper.OPT_OUT_EXTENSION, kept,
				FhirConsentMapper.CATEGORY_SYSTEM, FhirConsentMapper.CATEGORY_SYSTEM, FhirConsentMapper.PURPOSE_SYSTEM,
				FhirConsentMapper.ORG_TYPE_SYSTEM);
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content(consent))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recorded.length()").value(3))
			.andExpect(jsonPath("$.directives.length()").value(2))
			.andExpect(jsonPath("$.national_data_opt_out").value(true))
			.andExpect(jsonPath("$.receipt.jws").isString());
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		assertThat(this.store.current(nhs, kept).orElseThrow().version()).isEqualTo(2);
		assertThat(this.store.current(nhs, kept).orElseThrow().directive().categories()).hasSize(2);
		assertThat(this.store.current(nhs, dropped).orElseThrow().isActive()).isFalse();
		this.mvc.perform(bearer(get("/api/me/receipts"), citizen))
			.andExpect(jsonPath("$.total").value(3))
			.andExpect(jsonPath("$.receipts[0].action").value("directives-imported"));
	}

	@Test
	void importWhenScopeMissingThenUnprocessableOperationOutcomeAndChoicesUnchanged() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = directiveId(this.fixtures.addDirective(citizen,
				Map.of("effect", "deny", "categories", List.of("mental-health"), "org_types", List.of("research"))));
		ConsentState before = this.store.state(nhs);
		// valid in everything Concord reads, but R4 requires Consent.scope
		String withoutScope = export(citizen).replaceAll("\"scope\"\\s*:\\s*\\{[^}]*\\}[^}]*\\},", "")
			.replace("\"type\": \"deny\"", "\"type\": \"permit\"");
		assertThat(withoutScope).doesNotContain("\"scope\"").contains("\"permit\"");
		this.mvc
			.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).accept(FHIR).content(withoutScope))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
			.andExpect(jsonPath("$.issue[0].severity").value("error"))
			.andExpect(jsonPath("$.issue[0].code").value("invalid"))
			.andExpect(jsonPath("$.issue[0].expression[0]").value("Consent"))
			.andExpect(jsonPath("$.issue[0].diagnostics").value(org.hamcrest.Matchers.containsString("scope")));
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content(withoutScope))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("invalid-resource"))
			.andExpect(jsonPath("$.errors[0].field").value("Consent"));
		ConsentState after = this.store.state(nhs);
		assertThat(after.version()).isEqualTo(before.version());
		assertThat(after.toCitizen()).isEqualTo(before.toCitizen());
		assertThat(this.store.current(nhs, id).orElseThrow().directive().effect())
			.isEqualTo(care.concord.policy.decision.Effect.DENY);
	}

	@Test
	void importWhenFhirClientThenStoredConsentWithNewVersionAndETag() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.fixtures.addDirective(citizen, Map.of("effect", "deny", "categories", List.of("genomic")));
		String changed = export(citizen).replace("\"type\": \"deny\"", "\"type\": \"permit\"");
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).accept(FHIR).content(changed))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(jsonPath("$.resourceType").value("Consent"))
			.andExpect(jsonPath("$.meta.versionId").value("2"))
			.andExpect(jsonPath("$.provision.provision[0].type").value("permit"))
			.andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
				.string("ETag", "W/\"2\""));
	}

	@Test
	void errorWhenClientAcceptsFhirThenOperationOutcome() throws Exception {
		Account citizen = this.fixtures.citizen();
		this.mvc.perform(bearer(get("/api/citizens/not-an-nhs-number/consent.fhir"), citizen).accept(FHIR))
			.andExpect(status().is4xxClientError())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
			.andExpect(jsonPath("$.issue[0].severity").value("error"))
			.andExpect(jsonPath("$.issue[0].code").isString())
			.andExpect(jsonPath("$.issue[0].diagnostics").isString());
		this.mvc.perform(bearer(get("/api/citizens/not-an-nhs-number/consent.fhir"), citizen))
			.andExpect(status().is4xxClientError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void importWhenUnrepresentableThenProblemNamingElementAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		String id = directiveId(this.fixtures.addDirective(citizen, Map.of("effect", "permit")));
		Map<String, String> cases = Map.of("Consent.provision.provision[0].purpose[0]",
				"{\"type\": \"permit\", \"purpose\": [{\"system\": \"" + FhirConsentMapper.PURPOSE_SYSTEM
						+ "\", \"code\": \"MARKETING\"}]}",
				"Consent.provision.provision[0].class[0]",
				"{\"type\": \"deny\", \"class\": [{\"system\": \"http://hl7.org/fhir/resource-types\", \"code\": \"Observation\"}]}",
				"Consent.provision.provision[0].actor[0].role",
				"{\"type\": \"deny\", \"actor\": [{\"role\": {\"coding\": [{\"system\": \""
						+ FhirConsentMapper.ORG_TYPE_SYSTEM
						+ "\", \"code\": \"casino\"}]}, \"reference\": {\"display\": \"x\"}}]}",
				"Consent.provision.provision[0].data",
				"{\"type\": \"deny\", \"data\": [{\"meaning\": \"instance\", \"reference\": {\"reference\": \"Observation/1\"}}]}",
				"Consent.provision.provision[0].provision",
				"{\"type\": \"deny\", \"provision\": [{\"type\": \"permit\"}]}", "Consent.provision.provision[0].type",
				"{\"purpose\": [{\"system\": \"" + FhirConsentMapper.PURPOSE_SYSTEM + "\", \"code\": \"TREAT\"}]}",
				"Consent.provision.provision[0].period.end",
				"{\"type\": \"deny\", \"period\": {\"start\": \"2027-01-01T00:00:00Z\", \"end\": \"2026-01-01T00:00:00Z\"}}");
		for (Map.Entry<String, String> entry : cases.entrySet()) {
			String consent = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"provision\": ["
					+ entry.getValue() + "]}}";
			this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content(consent))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value(entry.getKey()));
		}
		this.mvc
			.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR)
				.content("{\"resourceType\": \"Patient\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Consent"));
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content("{\"resourceType\": "))
			.andExpect(status().isBadRequest());
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR)
			.content("{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"type\": \"deny\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Consent.provision"));
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		assertThat(this.store.consentVersion(nhs)).isEqualTo(1);
		assertThat(this.store.current(nhs, id).orElseThrow().isActive()).isTrue();
	}

	@Test
	void importWhenActorIsNotARegisteredAgencyThenOperationOutcomeNamingProvisionAndCode() throws Exception {
		Account citizen = this.fixtures.citizen();
		String gp = this.agencies.registerAgency(OrgType.GP);
		String unknown = TestAgencies.randomCode();
		String consent = """
				{"resourceType": "Consent", "status": "active",
				 "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope",
				                       "code": "patient-privacy"}]},
				 "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
				 "policy": [{"uri": "urn:concord:consent-notice:2026-11"}],
				 "provision": {"provision": [
				  {"type": "deny", "actor": [{"role": {"coding": [{"system": "%1$s", "code": "IRCP"}]},
				    "reference": {"identifier": {"system": "%2$s", "value": "%3$s"}}}]},
				  {"type": "deny", "actor": [{"role": {"coding": [{"system": "%1$s", "code": "IRCP"}]},
				    "reference": {"identifier": {"system": "%2$s", "value": "%4$s"}}}]}
				]}}
				""".formatted(FhirConsentMapper.PARTICIPATION_SYSTEM, FhirConsentMapper.ODS_SYSTEM, gp, unknown);
		this.mvc
			.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR)
				.accept(FHIR, MediaType.APPLICATION_JSON)
				.content(consent))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
			.andExpect(jsonPath("$.issue[0].expression[0]").value("Consent.provision.provision[1].actor"))
			.andExpect(jsonPath("$.issue[0].diagnostics")
				.value("'" + unknown + "' is not the code of an agency registered with Concord"));
		assertThat(this.store.consentVersion(NhsNumber.parse(citizen.nhsNumber()))).isZero();
	}

	@Test
	void importWhenConsentIsAboutAnotherPatientThenProblem() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account other = this.fixtures.citizen();
		String consent = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"patient\": {\"identifier\": "
				+ "{\"system\": \"" + FhirConsentMapper.NHS_NUMBER_SYSTEM + "\", \"value\": \"" + other.nhsNumber()
				+ "\"}}, \"provision\": {\"provision\": [{\"type\": \"permit\"}]}}";
		this.mvc.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR).content(consent))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("Consent.patient.identifier.value"));
		assertThat(this.store.consentVersion(NhsNumber.parse(other.nhsNumber()))).isZero();
		assertThat(this.store.consentVersion(NhsNumber.parse(citizen.nhsNumber()))).isZero();
	}

}
