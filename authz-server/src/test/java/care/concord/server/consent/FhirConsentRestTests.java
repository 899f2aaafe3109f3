package care.concord.server.consent;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import care.concord.server.consent.ConsentFixtures.Account;
import care.concord.server.consent.fhir.FhirConsentMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static care.concord.server.consent.ConsentFixtures.bearer;
import static care.concord.server.consent.ConsentFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's Consent as a RESTful FHIR resource: {@code GET /fhir/Consent/{id}},
 * {@code GET /fhir/Consent?patient:identifier=...}, {@code PUT /fhir/Consent/{id}} with
 * {@code If-Match}, and {@code If-Match} on {@code PUT .../consent.fhir}; who may, and
 * the atomicity of the version check.
 */
@ConcordIntegrationTest
class FhirConsentRestTests {

	private static final MediaType FHIR = MediaType.parseMediaType("application/fhir+json");

	private static final String NHS_SYSTEM = FhirConsentMapper.NHS_NUMBER_SYSTEM;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	ConsentStore store;

	@Autowired
	PlatformTransactionManager transactionManager;

	ConsentFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new ConsentFixtures(this.mvc, this.people);
	}

	private static String id(Account citizen) {
		return FhirConsentMapper.consentId(NhsNumber.parse(citizen.nhsNumber()));
	}

	private String read(Account account, String id) throws Exception {
		return this.mvc.perform(bearer(get("/fhir/Consent/" + id), account))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	/** The Consent with the national data opt-out set to the given value. */
	private static String withOptOut(String consent, boolean optOut) {
		return consent.replaceAll("\"valueBoolean\"\\s*:\\s*(true|false)", "\"valueBoolean\": " + optOut);
	}

	private MockHttpServletRequestBuilder update(Account account, String id, String body, String ifMatch) {
		MockHttpServletRequestBuilder request = bearer(put("/fhir/Consent/" + id), account).contentType(FHIR)
			.accept(FHIR)
			.content(body);
		return (ifMatch != null) ? request.header(HttpHeaders.IF_MATCH, ifMatch) : request;
	}

	private void name(Account citizen, Account proxy) throws Exception {
		this.mvc.perform(json(post("/api/me/proxies"), citizen, Map.of("username", proxy.username())))
			.andExpect(status().isCreated());
	}

	@Test
	void readWhenCitizenOrProxyThenConsentWithETagAnd304ElseNotFound() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		Account stranger = this.fixtures.citizen();
		Account officer = this.fixtures.person("ig-officer");
		name(citizen, carer);
		this.fixtures.addDirective(citizen, Map.of("effect", "deny", "categories", List.of("mental-health")));
		String id = id(citizen);
		this.mvc.perform(bearer(get("/fhir/Consent/" + id), citizen))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"1\""))
			.andExpect(header().exists(HttpHeaders.LAST_MODIFIED))
			.andExpect(jsonPath("$.resourceType").value("Consent"))
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.meta.versionId").value("1"))
			.andExpect(jsonPath("$.patient.identifier.value").value(citizen.nhsNumber()));
		this.mvc.perform(bearer(get("/fhir/Consent/" + id), citizen).header(HttpHeaders.IF_NONE_MATCH, "W/\"1\""))
			.andExpect(status().isNotModified());
		this.mvc.perform(bearer(get("/fhir/Consent/" + id), carer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id));
		// the carer's own Consent too, never changed: version 0
		this.mvc.perform(bearer(get("/fhir/Consent/" + id(carer)), carer))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"0\""));
		// another person's Consent and one that does not exist look the same
		for (Account account : List.of(stranger, officer)) {
			for (String other : List.of(id, UUID.randomUUID().toString(), "not-a-uuid")) {
				this.mvc.perform(bearer(get("/fhir/Consent/" + other), account))
					.andExpect(status().isNotFound())
					.andExpect(content().contentTypeCompatibleWith(FHIR))
					.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
					.andExpect(jsonPath("$.issue[0].code").value("not-found"));
			}
		}
		this.mvc.perform(get("/fhir/Consent/" + id))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
	}

	@Test
	void searchWhenCitizenOrProxyThenSearchsetElseForbiddenOrBadRequest() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		Account stranger = this.fixtures.citizen();
		name(citizen, carer);
		for (Account account : List.of(citizen, carer)) {
			for (String parameter : List.of("patient:identifier", "patient.identifier")) {
				this.mvc
					.perform(bearer(get("/fhir/Consent").param(parameter, NHS_SYSTEM + "|" + citizen.nhsNumber()),
							account))
					.andExpect(status().isOk())
					.andExpect(content().contentTypeCompatibleWith(FHIR))
					.andExpect(jsonPath("$.resourceType").value("Bundle"))
					.andExpect(jsonPath("$.type").value("searchset"))
					.andExpect(jsonPath("$.total").value(1))
					.andExpect(jsonPath("$.entry[0].fullUrl").value("http://localhost/fhir/Consent/" + id(citizen)))
					.andExpect(jsonPath("$.entry[0].resource.id").value(id(citizen)))
					.andExpect(jsonPath("$.entry[0].search.mode").value("match"));
			}
		}
		// the NHS number without a system is an NHS number too
		this.mvc.perform(bearer(get("/fhir/Consent").param("patient:identifier", citizen.nhsNumber()), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(1));
		// an identifier of another system names no Consent
		this.mvc
			.perform(bearer(get("/fhir/Consent").param("patient:identifier", "https://example.org/id|123"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0))
			.andExpect(jsonPath("$.entry").doesNotExist());
		// as /api/citizens/{nhs}/consent.fhir: 403 whether or not the number is known
		for (String nhs : List.of(citizen.nhsNumber(), TestNhsNumbers.next())) {
			this.mvc.perform(bearer(get("/fhir/Consent").param("patient:identifier", NHS_SYSTEM + "|" + nhs), stranger))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
				.andExpect(jsonPath("$.issue[0].code").value("forbidden"));
		}
		// without the parameter: every Consent the caller may read, their own first
		this.mvc.perform(bearer(get("/fhir/Consent"), citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.type").value("searchset"))
			.andExpect(jsonPath("$.total").value(1))
			.andExpect(jsonPath("$.entry[0].resource.id").value(id(citizen)));
		this.mvc.perform(bearer(get("/fhir/Consent"), carer))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(2))
			.andExpect(jsonPath("$.entry[0].resource.id").value(id(carer)))
			.andExpect(jsonPath("$.entry[1].resource.id").value(id(citizen)))
			.andExpect(jsonPath("$.entry[1].fullUrl").value("http://localhost/fhir/Consent/" + id(citizen)));
		this.mvc.perform(bearer(get("/fhir/Consent"), this.fixtures.person("ig-officer")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(0))
			.andExpect(jsonPath("$.entry").doesNotExist());
		for (MockHttpServletRequestBuilder bad : List.of(get("/fhir/Consent").param("patient", "Patient/1"),
				get("/fhir/Consent").param("patient:identifier", NHS_SYSTEM + "|" + citizen.nhsNumber())
					.param("status", "active"),
				get("/fhir/Consent").param("patient:identifier", NHS_SYSTEM + "|1234567890"),
				get("/fhir/Consent").param("patient:identifier", citizen.nhsNumber() + "," + carer.nhsNumber()),
				get("/fhir/Consent").param("patient:identifier", citizen.nhsNumber())
					.param("patient.identifier", citizen.nhsNumber()))) {
			this.mvc.perform(bearer(bad, citizen))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(FHIR))
				.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
				.andExpect(jsonPath("$.issue[0].code").value("invalid"));
		}
	}

	@Test
	void updateWhenIfMatchCurrentThenReplacedElse412AndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = id(citizen);
		String consent = read(citizen, id);
		this.mvc.perform(update(citizen, id, withOptOut(consent, true), "W/\"0\""))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"1\""))
			.andExpect(jsonPath("$.meta.versionId").value("1"))
			.andExpect(jsonPath("$.extension[0].valueBoolean").value(true));
		assertThat(this.store.state(nhs).nationalOptOut()).isTrue();
		// the same version again: someone changed it meanwhile
		this.mvc.perform(update(citizen, id, withOptOut(consent, false), "W/\"0\""))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
			.andExpect(jsonPath("$.issue[0].code").value("conflict"));
		// a strong tag, an unreadable one
		this.mvc.perform(update(citizen, id, withOptOut(consent, false), "\"7\""))
			.andExpect(status().isPreconditionFailed());
		this.mvc.perform(update(citizen, id, withOptOut(consent, false), "W/\"x\""))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		assertThat(this.store.state(nhs).version()).isEqualTo(1);
		assertThat(this.store.state(nhs).nationalOptOut()).isTrue();
		// without If-Match (FHIR allows it), and with *: whatever the version
		this.mvc.perform(update(citizen, id, withOptOut(consent, false), null))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"2\""));
		this.mvc.perform(update(citizen, id, withOptOut(consent, true), "*"))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"3\""));
		assertThat(this.store.state(nhs).nationalOptOut()).isTrue();
	}

	@Test
	void conditionalUpdateWhenPatientIdentifierThenThatConsentUpdatedElseRefusedAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		Account stranger = this.fixtures.citizen();
		name(citizen, carer);
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = id(citizen);
		String consent = read(citizen, id);
		String patient = NHS_SYSTEM + "|" + citizen.nhsNumber();
		// by the citizen's proxy, with If-Match: the one Consent the search matches
		this.mvc
			.perform(bearer(put("/fhir/Consent").param("patient:identifier", patient), carer).contentType(FHIR)
				.accept(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"0\"")
				.content(withOptOut(consent, true)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"1\""))
			.andExpect(jsonPath("$.id").value(id));
		assertThat(this.store.state(nhs).nationalOptOut()).isTrue();
		// a body without an id is fine; a stale version is 412
		String withoutId = withOptOut(consent, false).replace("\"id\": \"" + id + "\",", "")
			.replace("\"id\":\"" + id + "\",", "");
		assertThat(withoutId).doesNotContain(id);
		this.mvc
			.perform(bearer(put("/fhir/Consent").param("patient.identifier", citizen.nhsNumber()), citizen)
				.contentType(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"0\"")
				.content(withoutId))
			.andExpect(status().isPreconditionFailed());
		this.mvc
			.perform(bearer(put("/fhir/Consent").param("patient.identifier", citizen.nhsNumber()), citizen)
				.contentType(FHIR)
				.content(withoutId))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"2\""));
		// someone else's, no criteria, another system, another Consent's id in the body
		this.mvc
			.perform(bearer(put("/fhir/Consent").param("patient:identifier", patient), stranger).contentType(FHIR)
				.content(withOptOut(consent, true)))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		for (MockHttpServletRequestBuilder bad : List.of(put("/fhir/Consent"),
				put("/fhir/Consent").param("patient:identifier", "https://example.org/id|" + citizen.nhsNumber()),
				put("/fhir/Consent").param("patient:identifier", patient).param("status", "active"))) {
			this.mvc.perform(bearer(bad, citizen).contentType(FHIR).content(withOptOut(consent, true)))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		}
		this.mvc
			.perform(bearer(put("/fhir/Consent").param("patient:identifier", patient), citizen).contentType(FHIR)
				.content(withOptOut(consent, true).replace(id, id(stranger))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.issue[0].expression[0]").value("Consent.id"));
		assertThat(this.store.state(nhs).version()).isEqualTo(2);
		assertThat(this.store.state(nhs).nationalOptOut()).isFalse();
	}

	@Test
	void updateWhenIdMissingOrOtherOrInvalidOrNotYoursThenRefusedAndNothingWritten() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account stranger = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = id(citizen);
		String consent = withOptOut(read(citizen, id), true);
		this.mvc.perform(update(citizen, id, consent.replace(id, id(stranger)), null))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.issue[0].expression[0]").value("Consent.id"));
		this.mvc.perform(update(citizen, id, consent.replaceFirst("\"id\"\\s*:\\s*\"[^\"]*\",", ""), null))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.issue[0].expression[0]").value("Consent.id"));
		// not a valid R4 Consent (scope is required): 422
		this.mvc.perform(update(citizen, id, consent.replaceAll("(?s)\"scope\"\\s*:\\s*\\{.*?\\]\\s*\\},", ""), null))
			.andExpect(status().isUnprocessableContent())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		// another person's Consent: as if it did not exist
		this.mvc.perform(update(stranger, id, consent, null))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		assertThat(this.store.state(nhs).version()).isZero();
	}

	@Test
	void importWhenIfMatchThenCheckedOnBothPaths() throws Exception {
		Account citizen = this.fixtures.citizen();
		Account carer = this.fixtures.citizen();
		name(citizen, carer);
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String consent = read(citizen, id(citizen));
		this.mvc
			.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"0\"")
				.content(withOptOut(consent, true)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.consent_version").value(1));
		// a JSON client gets a problem, a FHIR client an OperationOutcome
		this.mvc
			.perform(bearer(put("/api/me/consent.fhir"), citizen).contentType(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"0\"")
				.content(withOptOut(consent, false)))
			.andExpect(status().isPreconditionFailed())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("precondition-failed"));
		String path = "/api/citizens/" + citizen.nhsNumber() + "/consent.fhir";
		this.mvc
			.perform(bearer(put(path), carer).contentType(FHIR)
				.accept(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"0\"")
				.content(withOptOut(consent, false)))
			.andExpect(status().isPreconditionFailed())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		this.mvc
			.perform(bearer(put(path), carer).contentType(FHIR)
				.accept(FHIR)
				.header(HttpHeaders.IF_MATCH, "W/\"1\"")
				.content(withOptOut(consent, false)))
			.andExpect(status().isOk())
			.andExpect(header().string(HttpHeaders.ETAG, "W/\"2\""));
		assertThat(this.store.state(nhs).nationalOptOut()).isFalse();
	}

	@Test
	void updateWhenTwoConcurrentWithSameIfMatchThenExactlyOneWins() throws Exception {
		for (int round = 0; round < 3; round++) {
			Account citizen = this.fixtures.citizen();
			String id = id(citizen);
			String consent = read(citizen, id);
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try {
				List<Future<Integer>> results = new ArrayList<>();
				for (int i = 0; i < 2; i++) {
					// the same change: the version is compared first, so the second is
					// refused (not taken as a no-op import)
					String body = withOptOut(consent, true);
					results.add(pool.submit(() -> {
						start.await();
						return this.mvc.perform(update(citizen, id, body, "W/\"0\""))
							.andReturn()
							.getResponse()
							.getStatus();
					}));
				}
				start.countDown();
				List<Integer> statuses = new ArrayList<>();
				for (Future<Integer> result : results) {
					statuses.add(result.get(30, TimeUnit.SECONDS));
				}
				assertThat(statuses).containsExactlyInAnyOrder(200, 412);
				assertThat(this.store.state(NhsNumber.parse(citizen.nhsNumber())).version()).isEqualTo(1);
			}
			finally {
				pool.shutdownNow();
			}
		}
	}

	@Test
	void updateWhenAnotherChangeHoldsTheRowThenWaitsAndComparesWithTheCommittedVersion() throws Exception {
		Account citizen = this.fixtures.citizen();
		NhsNumber nhs = NhsNumber.parse(citizen.nhsNumber());
		String id = id(citizen);
		String consent = read(citizen, id);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(2);
		try {
			// a change that has locked the citizen's row (version 0 -> 1) but not
			// committed yet
			Future<?> holder = pool
				.submit(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((tx) -> {
					this.store.lockAndBump(nhs, Instant.now());
					locked.countDown();
					try {
						release.await(10, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			// the update expects version 0, which is still what is committed
			Future<MockHttpServletResponse> update = pool
				.submit(() -> this.mvc.perform(update(citizen, id, withOptOut(consent, true), "W/\"0\""))
					.andReturn()
					.getResponse());
			Thread.sleep(300);
			assertThat(update.isDone()).as("the update waits for the row lock").isFalse();
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
			MockHttpServletResponse response = update.get(10, TimeUnit.SECONDS);
			assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(412);
			assertThat(this.store.state(nhs).version()).isEqualTo(1);
			assertThat(this.store.state(nhs).nationalOptOut()).isFalse();
		}
		finally {
			release.countDown();
			pool.shutdownNow();
		}
	}

}
