package care.concord.server.fhir;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditRecord;
import care.concord.server.consent.fhir.FhirConsentMapper;
import org.hl7.fhir.r4.model.MetadataResource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * FHIR R4 conformance: every kind of resource Concord produces (Consent, AuditEvent alone
 * and in a Bundle, CapabilityStatement, CodeSystem, StructureDefinition, the searchset
 * Bundle of a canonical look-up, OperationOutcome) is fetched through its HTTP endpoint
 * and validated with the server's own {@link FhirValidation}: no error. Warnings are
 * allowed (docs/fhir.md lists them).
 */
@ConcordIntegrationTest
class FhirConformanceTests {

	private static final MediaType FHIR = MediaType.parseMediaType("application/fhir+json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Autowired
	FhirValidation validation;

	@Autowired
	FhirConformance conformance;

	@Autowired
	AuditLog auditLog;

	@Test
	void consentExportWhenDirectivesAndOptOutThenValidWithIdMetaAndETag() throws Exception {
		String nhs = TestNhsNumbers.next();
		String token = this.people.accessToken(this.people.citizen(nhs).username());
		String organisation = this.agencies.registerAgency(OrgType.SOCIAL_CARE);
		create(token, "/api/me/directives", "{\"effect\":\"deny\",\"organisations\":[\"" + organisation
				+ "\"],\"org_types\":[\"social-care\"],"
				+ "\"roles\":[\"social-worker\"],\"categories\":[\"mental-health\"],\"purposes\":[\"direct-care\"],"
				+ "\"start\":\"2026-12-01T00:00:00Z\",\"end\":\"2027-12-01T00:00:00Z\"}");
		create(token, "/api/me/directives", "{\"effect\":\"permit\",\"purposes\":[\"research\"]}");
		MockHttpServletResponse response = this.mvc.perform(bearer(get("/api/me/consent.fhir"), token).accept(FHIR))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertValid(body);
		JsonNode consent = JSON.readTree(body);
		assertThat(consent.path("id").asString()).isEqualTo(FhirConsentMapper.consentId(NhsNumber.parse(nhs)));
		assertThat(consent.path("meta").path("versionId").asString()).isEqualTo("2");
		assertThat(consent.path("meta").path("lastUpdated").asString()).isNotBlank();
		assertThat(response.getHeader(HttpHeaders.ETAG)).isEqualTo("W/\"2\"");
		assertThat(response.getHeader(HttpHeaders.LAST_MODIFIED)).isNotBlank();
		this.mvc
			.perform(bearer(get("/api/me/consent.fhir"), token).accept(FHIR)
				.header(HttpHeaders.IF_NONE_MATCH, "W/\"2\""))
			.andExpect(status().isNotModified());
		create(token, "/api/me/directives", "{\"effect\":\"deny\",\"categories\":[\"genomic\"]}");
		this.mvc
			.perform(bearer(get("/api/me/consent.fhir"), token).accept(FHIR)
				.header(HttpHeaders.IF_NONE_MATCH, "W/\"2\""))
			.andExpect(status().isOk());
	}

	@Test
	void consentExportWhenNeverChangedThenValid() throws Exception {
		String token = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		String body = ok(bearer(get("/api/me/consent.fhir"), token));
		assertValid(body);
		assertThat(JSON.readTree(body).path("meta").path("versionId").asString()).isEqualTo("0");
	}

	@Test
	void auditEventsWhenReadAndExportedThenValidWithNhsIdentifiers() throws Exception {
		// a citizen's consent change, an agency's decision, a CIS2 practitioner's action
		// and
		// a proxy's change on behalf of a citizen
		String nhs = TestNhsNumbers.next();
		String citizen = this.people.accessToken(this.people.citizen(nhs).username());
		create(citizen, "/api/me/directives", "{\"effect\":\"deny\",\"categories\":[\"sexual-health\"]}");
		TestAgency agency = this.agencies.register(OrgType.GP, "decision");
		this.mvc
			.perform(post("/access/v1/evaluation").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":{\"type\":\"agency-practitioner\",\"id\":\"P-1\",\"properties\":"
						+ "{\"organisation\":\"" + agency.code() + "\",\"role\":\"clinician\"}},\"resource\":"
						+ "{\"type\":\"care-record\",\"id\":\"" + nhs + "\",\"properties\":{\"category\":"
						+ "\"sexual-health\",\"holder\":\"RR8\"}},\"action\":{\"name\":\"read\"},"
						+ "\"context\":{\"purpose\":\"TREAT\"}}"))
			.andExpect(status().isOk());
		AuditRecord practitioner = this.auditLog
			.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, AuditActor.user("cis2:555086689106"))
				.subject(NhsNumber.parse(nhs))
				.role("ig-officer")
				.permit("record-lookup")
				.build());
		AuditRecord proxy = this.auditLog.append(AuditEvent
			.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("carer-1").withOnBehalfOf("citizen-1"))
			.subject(NhsNumber.parse(nhs))
			.permit("directive-created")
			.build());
		String officer = this.people.accessToken(this.people.create(List.of("ig-officer"), null).username());

		String bundle = ok(bearer(get("/api/audit/export.fhir").param("subject", nhs), officer));
		assertValid(bundle);
		JsonNode entries = JSON.readTree(bundle).path("entry");
		assertThat(entries.size()).isGreaterThanOrEqualTo(4);
		List<String> agentSystems = new ArrayList<>();
		for (JsonNode entry : entries) {
			JsonNode event = entry.path("resource");
			assertThat(entry.path("fullUrl").asString()).endsWith("/fhir/AuditEvent/" + event.path("id").asString());
			assertThat(event.path("meta").path("versionId").asString()).isEqualTo("1");
			assertThat(event.path("meta").path("lastUpdated").asString()).isNotBlank();
			for (JsonNode agent : event.path("agent")) {
				agentSystems.add(agent.path("who").path("identifier").path("system").asString());
			}
		}
		assertThat(agentSystems).contains("https://fhir.nhs.uk/Id/ods-organization-code",
				"https://fhir.nhs.uk/Id/nhs-number", "https://fhir.nhs.uk/Id/sds-user-id");

		MockHttpServletResponse read = this.mvc
			.perform(bearer(get("/fhir/AuditEvent/concord-audit-" + practitioner.sequence()), officer))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		String event = read.getContentAsString(StandardCharsets.UTF_8);
		assertValid(event);
		assertThat(JSON.readTree(event).path("agent").get(0).path("who").path("identifier").path("value").asString())
			.isEqualTo("555086689106");
		assertThat(read.getHeader(HttpHeaders.ETAG)).isEqualTo("W/\"1\"");
		assertThat(read.getHeader(HttpHeaders.LAST_MODIFIED)).isNotBlank();
		this.mvc
			.perform(bearer(get("/fhir/AuditEvent/concord-audit-" + practitioner.sequence()), officer)
				.header(HttpHeaders.IF_NONE_MATCH, "W/\"1\""))
			.andExpect(status().isNotModified());
		String onBehalf = ok(bearer(get("/fhir/AuditEvent/concord-audit-" + proxy.sequence()), officer));
		assertValid(onBehalf);
		assertThat(JSON.readTree(onBehalf).path("agent").get(1).path("who").path("identifier").path("value").asString())
			.isEqualTo(nhs);
	}

	@Test
	void metadataWhenReadWithoutTokenThenValidCapabilityStatementListingServedResources() throws Exception {
		MockHttpServletResponse response = this.mvc.perform(get("/fhir/metadata").accept(FHIR))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		String body = response.getContentAsString(StandardCharsets.UTF_8);
		assertValid(body);
		JsonNode statement = JSON.readTree(body);
		assertThat(statement.path("resourceType").asString()).isEqualTo("CapabilityStatement");
		assertThat(statement.path("status").asString()).isEqualTo("active");
		assertThat(statement.path("kind").asString()).isEqualTo("instance");
		assertThat(statement.path("fhirVersion").asString()).isEqualTo("4.0.1");
		List<String> types = new ArrayList<>();
		statement.path("rest").get(0).path("resource").forEach((r) -> types.add(r.path("type").asString()));
		assertThat(types).containsExactlyInAnyOrder("AuditEvent", "CodeSystem", "Consent", "StructureDefinition");
		assertThat(response.getHeader(HttpHeaders.ETAG)).startsWith("W/\"");
		for (JsonNode resource : statement.path("rest").get(0).path("resource")) {
			List<String> interactions = new ArrayList<>();
			resource.path("interaction").forEach((i) -> interactions.add(i.path("code").asString()));
			List<String> parameters = new ArrayList<>();
			resource.path("searchParam").forEach((p) -> parameters.add(p.path("name").asString()));
			switch (resource.path("type").asString()) {
				case "Consent" -> {
					assertThat(interactions).containsExactly("read", "update", "search-type");
					assertThat(parameters).containsExactly("patient");
					assertThat(resource.path("versioning").asString()).isEqualTo("versioned-update");
					assertThat(resource.path("updateCreate").asBoolean()).isFalse();
					assertThat(resource.path("conditionalUpdate").asBoolean()).isTrue();
				}
				case "AuditEvent" -> {
					assertThat(interactions).containsExactly("read", "search-type");
					assertThat(parameters).containsExactly("patient", "date", "type", "subtype");
				}
				default -> {
					assertThat(interactions).containsExactly("read", "search-type");
					assertThat(parameters).containsExactly("url");
				}
			}
		}
	}

	@Test
	void consentWhenReadSearchedAndUpdatedUnderTheFhirBaseThenValid() throws Exception {
		String nhs = TestNhsNumbers.next();
		String token = this.people.accessToken(this.people.citizen(nhs).username());
		create(token, "/api/me/directives", "{\"effect\":\"deny\",\"categories\":[\"mental-health\"]}");
		String id = FhirConsentMapper.consentId(NhsNumber.parse(nhs));
		String consent = ok(bearer(get("/fhir/Consent/" + id), token));
		assertValid(consent);
		String search = ok(bearer(
				get("/fhir/Consent").param("patient:identifier", FhirConsentMapper.NHS_NUMBER_SYSTEM + "|" + nhs),
				token));
		assertValid(search);
		assertThat(JSON.readTree(search).path("total").asInt()).isEqualTo(1);
		String updated = ok(bearer(put("/fhir/Consent/" + id), token).contentType(FHIR)
			.header(HttpHeaders.IF_MATCH, "W/\"1\"")
			.content(consent.replace("\"valueBoolean\": false", "\"valueBoolean\": true")));
		assertValid(updated);
		assertThat(JSON.readTree(updated).path("meta").path("versionId").asString()).isEqualTo("2");
	}

	@Test
	void auditEventSearchWhenPagedThenValidSearchsetBundles() throws Exception {
		String nhs = TestNhsNumbers.next();
		for (int i = 0; i < 3; i++) {
			this.auditLog.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("citizen-1"))
				.subject(NhsNumber.parse(nhs))
				.permit("directive-created")
				.build());
		}
		String officer = this.people.accessToken(this.people.create(List.of("ig-officer"), null).username());
		String first = ok(
				bearer(get("/fhir/AuditEvent").param("patient:identifier", "https://fhir.nhs.uk/Id/nhs-number|" + nhs)
					.param("date", "ge2026-01-01")
					.param("_count", "2"), officer));
		assertValid(first);
		JsonNode bundle = JSON.readTree(first);
		assertThat(bundle.path("entry").size()).isEqualTo(2);
		String next = bundle.path("link").get(1).path("url").asString();
		String second = ok(bearer(get(java.net.URI.create(next)), officer));
		assertValid(second);
		assertThat(JSON.readTree(second).path("entry").size()).isEqualTo(1);
	}

	@Test
	void definitionsWhenReadByIdOrCanonicalUrlThenValidAndServedAtTheirCanonicalPath() throws Exception {
		List<MetadataResource> definitions = this.conformance.definitions();
		assertThat(definitions).extracting(MetadataResource::getUrl)
			.contains(FhirConsentMapper.ORG_TYPE_SYSTEM, FhirConsentMapper.ROLE_SYSTEM,
					FhirConsentMapper.CATEGORY_SYSTEM, FhirConsentMapper.OPT_OUT_EXTENSION,
					"https://concord.care/fhir/CodeSystem/audit-event-type",
					"https://concord.care/fhir/CodeSystem/decision-reason");
		for (MetadataResource definition : definitions) {
			String path = definition.getUrl().substring(Definitions.CANONICAL_BASE.length());
			MockHttpServletResponse response = this.mvc.perform(get("/fhir" + path))
				.andExpect(status().isOk())
				.andReturn()
				.getResponse();
			String body = response.getContentAsString(StandardCharsets.UTF_8);
			assertValid(body);
			assertThat(JSON.readTree(body).path("url").asString()).isEqualTo(definition.getUrl());
			String etag = response.getHeader(HttpHeaders.ETAG);
			this.mvc.perform(get("/fhir" + path).header(HttpHeaders.IF_NONE_MATCH, etag))
				.andExpect(status().isNotModified());
			String search = ok(get("/fhir/" + definition.fhirType()).param("url", definition.getUrl()));
			assertValid(search);
			assertThat(JSON.readTree(search).path("total").asInt()).isEqualTo(1);
		}
	}

	@Test
	void errorsWhenFhirClientThenValidOperationOutcomes() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		Map<String, MockHttpServletRequestBuilder> requests = Map.of("401 without token",
				get("/fhir/AuditEvent/concord-audit-1"), "401 with a bad token",
				get("/api/me/consent.fhir").accept(FHIR).header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"),
				"403 without the role", bearer(get("/fhir/AuditEvent/concord-audit-1"), citizen), "404",
				get("/fhir/CodeSystem/no-such-code-system"), "422",
				bearer(put("/api/me/consent.fhir"), citizen).accept(FHIR)
					.contentType(FHIR)
					.content("{\"resourceType\":\"Consent\",\"status\":\"active\",\"category\":[{\"coding\":"
							+ "[{\"system\":\"http://loinc.org\",\"code\":\"59284-0\"}]}]}"),
				"400", bearer(put("/api/me/consent.fhir"), citizen).accept(FHIR).contentType(FHIR).content("{"),
				"400 unknown search parameter", bearer(get("/fhir/Consent").param("status", "active"), citizen),
				"404 another person's Consent", bearer(get("/fhir/Consent/" + java.util.UUID.randomUUID()), citizen),
				"412",
				bearer(put("/api/me/consent.fhir"), citizen).accept(FHIR)
					.contentType(FHIR)
					.header(HttpHeaders.IF_MATCH, "W/\"7\"")
					.content(this.mvc.perform(bearer(get("/api/me/consent.fhir"), citizen))
						.andReturn()
						.getResponse()
						.getContentAsString(StandardCharsets.UTF_8)));
		for (Map.Entry<String, MockHttpServletRequestBuilder> request : requests.entrySet()) {
			MockHttpServletResponse response = this.mvc.perform(request.getValue()).andReturn().getResponse();
			String body = response.getContentAsString(StandardCharsets.UTF_8);
			assertThat(response.getStatus()).as(request.getKey())
				.isEqualTo(Integer.parseInt(request.getKey().substring(0, 3)));
			assertThat(response.getContentType()).as(request.getKey()).startsWith("application/fhir+json");
			assertThat(JSON.readTree(body).path("resourceType").asString()).as(request.getKey())
				.isEqualTo("OperationOutcome");
			assertValid(body);
		}
	}

	private void create(String token, String path, String json) throws Exception {
		this.mvc
			.perform(bearer(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post(path), token)
				.contentType(MediaType.APPLICATION_JSON)
				.content(json))
			.andExpect(status().isCreated());
	}

	/** The body of the request's answer, which must be 200. */
	private String ok(MockHttpServletRequestBuilder request) throws Exception {
		return this.mvc.perform(request)
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

	private void assertValid(String resource) {
		List<FhirValidation.Issue> issues = this.validation.validate(resource);
		assertThat(issues.stream().filter(FhirValidation.Issue::isError).toList()).as(resource).isEmpty();
		issues.stream()
			.filter((issue) -> !issue.isError())
			.forEach((issue) -> System.out
				.println("FHIR validation " + issue.severity() + " at " + issue.location() + ": " + issue.message()));
	}

}
