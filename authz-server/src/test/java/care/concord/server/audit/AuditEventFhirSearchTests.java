package care.concord.server.audit;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /fhir/AuditEvent?...}: a FHIR search of the audit log for IG officers,
 * newest first, paged by sequence number with {@code next} links, every page audited,
 * unknown or invalid parameters refused with an OperationOutcome.
 */
@ConcordIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditEventFhirSearchTests {

	private static final MediaType FHIR = MediaType.parseMediaType("application/fhir+json");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String NHS = AuditFhirMapper.NHS_NUMBER_SYSTEM + "|";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AuditLog auditLog;

	@Autowired
	AuditSearch search;

	private String officer;

	private String officerToken;

	private String citizenToken;

	@BeforeAll
	void tokens() {
		this.officer = this.people.create(List.of("ig-officer"), null).username();
		this.officerToken = this.people.accessToken(this.officer);
		this.citizenToken = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
	}

	/** Five records about a new person: three decisions, two consent changes. */
	private NhsNumber subjectWithFiveRecords() {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		for (int i = 0; i < 3; i++) {
			this.auditLog.append(TestAuditEvents.decision().subject(subject).build());
		}
		for (int i = 0; i < 2; i++) {
			this.auditLog.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("citizen-x"))
				.subject(subject)
				.permit("directive-created")
				.build());
		}
		return subject;
	}

	private JsonNode search(MockHttpServletRequestBuilder request) throws Exception {
		return JSON.readTree(this.mvc.perform(bearer(request, this.officerToken))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(FHIR))
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8));
	}

	private static String next(JsonNode bundle) {
		for (JsonNode link : bundle.path("link")) {
			if (link.path("relation").asString().equals("next")) {
				return link.path("url").asString();
			}
		}
		return null;
	}

	private List<AuditRecord> accessRecords(NhsNumber subject) {
		return this.search
			.search(new AuditQuery(subject, null, null, null, null, null, null, null, AuditEventType.AUDIT_ACCESS), 0,
					50)
			.records();
	}

	/**
	 * Every page of a search, following its {@code next} links; each link is checked with
	 * {@code link}.
	 */
	private List<JsonNode> pages(MockHttpServletRequestBuilder first, java.util.function.Consumer<String> link)
			throws Exception {
		List<JsonNode> pages = new ArrayList<>();
		JsonNode page = search(first);
		while (true) {
			pages.add(page);
			String next = next(page);
			if (next == null) {
				return pages;
			}
			link.accept(next);
			page = search(get(java.net.URI.create(next)));
		}
	}

	/** The sequence numbers of a Bundle's entries, in order. */
	private static List<Long> sequences(JsonNode bundle) {
		List<Long> sequences = new ArrayList<>();
		bundle.path("entry")
			.forEach(
					(entry) -> sequences.add(AuditFhirMapper.sequenceOf(entry.path("resource").path("id").asString())));
		return sequences;
	}

	@Test
	void searchWhenPagedThenNewestFirstWithNextLinksStableTotalAndEveryPageAudited() throws Exception {
		NhsNumber subject = subjectWithFiveRecords();
		List<JsonNode> pages = pages(
				get("/fhir/AuditEvent").param("patient:identifier", NHS + subject.value()).param("_count", "2"),
				(next) -> assertThat(next).startsWith("http://localhost/fhir/AuditEvent?")
					.contains("_count=2")
					.contains("_cursor="));
		List<Long> sequences = new ArrayList<>();
		for (JsonNode page : pages) {
			assertThat(page.path("resourceType").asString()).isEqualTo("Bundle");
			assertThat(page.path("type").asString()).isEqualTo("searchset");
			// the search's own access records (about the same person) join neither the
			// total nor the pages
			assertThat(page.path("total").asInt()).isEqualTo(5);
			for (JsonNode entry : page.path("entry")) {
				String id = entry.path("resource").path("id").asString();
				assertThat(entry.path("fullUrl").asString()).isEqualTo("http://localhost/fhir/AuditEvent/" + id);
				assertThat(entry.path("search").path("mode").asString()).isEqualTo("match");
			}
			sequences.addAll(sequences(page));
		}
		assertThat(pages).hasSize(3);
		assertThat(sequences).hasSize(5).doesNotHaveDuplicates();
		assertThat(sequences).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		List<AuditRecord> access = accessRecords(subject);
		assertThat(access).hasSize(3).allSatisfy((record) -> {
			assertThat(record.actorUsername()).isEqualTo(this.officer);
			assertThat(record.reasonCode()).isEqualTo("audit-search");
			assertThat(record.subjectNhsNumber()).isEqualTo(subject.value());
			assertThat(record.details()).contains("\"format\":\"fhir\"");
		});
		assertThat(access).allSatisfy((record) -> assertThat(record.sequence()).isGreaterThan(sequences.get(0)));
	}

	@Test
	void searchWhenSortedOldestFirstWithoutTotalThenAscendingPagesWithoutTotal() throws Exception {
		NhsNumber subject = subjectWithFiveRecords();
		List<JsonNode> pages = pages(
				get("/fhir/AuditEvent").param("patient:identifier", NHS + subject.value())
					.param("_count", "2")
					.param("_sort", "date")
					.param("_total", "none"),
				(next) -> assertThat(next).contains("_sort=date").contains("_total=none").contains("_cursor="));
		List<Long> sequences = new ArrayList<>();
		for (JsonNode page : pages) {
			assertThat(page.has("total")).as("_total=none: no total").isFalse();
			sequences.addAll(sequences(page));
		}
		assertThat(pages).hasSize(3);
		assertThat(sequences).hasSize(5).doesNotHaveDuplicates().isSorted();
		// newest first (the default, or -date): a new search, which sees the three pages'
		// access records too, newest; then the same five the other way round
		JsonNode newest = search(get("/fhir/AuditEvent").param("patient:identifier", NHS + subject.value())
			.param("_sort", "-date")
			.param("_total", "accurate"));
		assertThat(newest.path("total").asInt()).isEqualTo(5 + 3);
		List<Long> oldestFive = new ArrayList<>(sequences(newest).subList(3, 8));
		java.util.Collections.reverse(oldestFive);
		assertThat(oldestFive).containsExactlyElementsOf(sequences);
	}

	@Test
	void searchWhenFilteredByDateTypeAndSubtypeThenOnlyMatches() throws Exception {
		NhsNumber subject = subjectWithFiveRecords();
		LocalDate today = LocalDate.now(AuditQueryParameters.UK);
		String patient = NHS + subject.value();
		// each search adds an access record about the person: count decisions only
		assertThat(search(get("/fhir/AuditEvent").param("patient.identifier", patient)
			.param("type", "DECISION")
			.param("date", "ge" + today.minusDays(1))
			.param("date", "lt" + today.plusDays(2))).path("total").asInt()).isEqualTo(3);
		assertThat(search(get("/fhir/AuditEvent").param("patient:identifier", patient)
			.param("type", "DECISION")
			.param("date", today.toString())).path("total").asInt()).isEqualTo(3);
		assertThat(search(get("/fhir/AuditEvent").param("patient:identifier", patient)
			.param("type", "DECISION")
			.param("date", "eq" + today.toString().substring(0, 7))).path("total").asInt()).isEqualTo(3);
		assertThat(search(get("/fhir/AuditEvent").param("patient:identifier", patient).param("date", "le2020-01-01"))
			.path("total")
			.asInt()).isZero();
		assertThat(search(get("/fhir/AuditEvent").param("patient:identifier", patient)
			.param("date", "gt" + today.plusDays(1) + "T00:00:00Z")).path("total").asInt()).isZero();
		JsonNode changes = search(get("/fhir/AuditEvent").param("patient:identifier", patient)
			.param("type", AuditFhirMapper.EVENT_TYPE_SYSTEM + "|CONSENT_CHANGE"));
		assertThat(changes.path("total").asInt()).isEqualTo(2);
		assertThat(changes.path("entry").get(0).path("resource").path("type").path("code").asString())
			.isEqualTo("CONSENT_CHANGE");
		assertThat(search(get("/fhir/AuditEvent").param("patient:identifier", patient)
			.param("type", "DECISION")
			.param("subtype", AuditFhirMapper.REASON_SYSTEM + "|directive-deny")).path("total").asInt()).isEqualTo(3);
		assertThat(search(
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("subtype", "directive-created"))
			.path("total")
			.asInt()).isEqualTo(2);
		// _count beyond the cap is cut to it
		JsonNode capped = search(get("/fhir/AuditEvent").param("_count", "100000").param("_format", "json"));
		String next = next(capped);
		if (next != null) {
			assertThat(next).contains("_count=" + AuditSearch.MAX_PAGE_SIZE);
		}
		assertThat(capped.path("entry").size()).isLessThanOrEqualTo(AuditSearch.MAX_PAGE_SIZE);
	}

	@Test
	void searchWhenParameterUnknownOrInvalidThen400OperationOutcomeAndNothingAudited() throws Exception {
		NhsNumber subject = NhsNumber.parse(TestNhsNumbers.next());
		String patient = NHS + subject.value();
		List<MockHttpServletRequestBuilder> bad = List.of(
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("agent", "x"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("date:missing", "true"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_sort", "_lastUpdated"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_total", "all"),
				get("/fhir/AuditEvent").param("patient:identifier", NHS + "1234567890"),
				get("/fhir/AuditEvent").param("patient:identifier", "https://example.org|" + subject.value()),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("patient.identifier", patient),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("date", "ne2026-01-01"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("date", "last tuesday"),
				get("/fhir/AuditEvent").param("patient:identifier", patient)
					.param("date", "ge2026-02-01")
					.param("date", "lt2026-01-01"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("type", "NOT_A_TYPE"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("subtype", "Not A Code"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_count", "0"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_count", "many"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_cursor", "somewhere"),
				get("/fhir/AuditEvent").param("patient:identifier", patient).param("_format", "xml"));
		for (MockHttpServletRequestBuilder request : bad) {
			this.mvc.perform(bearer(request, this.officerToken))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(FHIR))
				.andExpect(jsonPath("$.resourceType").value("OperationOutcome"))
				.andExpect(jsonPath("$.issue[0].code").value("invalid"))
				.andExpect(jsonPath("$.issue[0].diagnostics").isNotEmpty());
		}
		this.mvc
			.perform(bearer(get("/fhir/AuditEvent").param("patient:identifier", patient).param("agent", "x"),
					this.officerToken))
			.andExpect(jsonPath("$.issue[0].diagnostics").value(org.hamcrest.Matchers
				.allOf(org.hamcrest.Matchers.containsString("agent"), org.hamcrest.Matchers.containsString("date"))));
		assertThat(accessRecords(subject)).isEmpty();
	}

	@Test
	void searchWhenNotIgOfficerThenRefusedWithOperationOutcome() throws Exception {
		this.mvc.perform(get("/fhir/AuditEvent"))
			.andExpect(status().isUnauthorized())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
		this.mvc.perform(bearer(get("/fhir/AuditEvent"), this.citizenToken))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.resourceType").value("OperationOutcome"));
	}

	private static MockHttpServletRequestBuilder bearer(MockHttpServletRequestBuilder request, String token) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
	}

}
