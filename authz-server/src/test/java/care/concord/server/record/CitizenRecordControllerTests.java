package care.concord.server.record;

import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The citizen's record views over HTTP: where pointers about me are registered, who may
 * read what today (and that it follows a new directive at once), and that nobody else's
 * token sees them.
 */
@ConcordIntegrationTest
class CitizenRecordControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	String nhs;

	String citizenToken;

	TestAgency hospital;

	TestAgency gp;

	@BeforeEach
	void record() throws Exception {
		this.nhs = TestNhsNumbers.next();
		PersonView person = this.people.citizen(this.nhs);
		this.citizenToken = this.people.accessToken(person.username());
		this.hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		this.gp = this.agencies.register(OrgType.GP, "decision");
		register(this.hospital, "medications");
		register(this.hospital, "mental-health");
	}

	void register(TestAgency agency, String category) throws Exception {
		this.mvc
			.perform(post("/uma/resource_set").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + category + " at " + agency.code() + "\",\"type\":\"" + category
						+ "\",\"resource_scopes\":[\"read\"],\"subject\":\"" + this.nhs + "\"}"))
			.andExpect(status().isCreated());
	}

	ResultActions get(String path, String token) throws Exception {
		return this.mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(path)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + token));
	}

	@Test
	void locationsWhenPointersRegisteredThenGroupedByHolderAndCategoryWithoutContent() throws Exception {
		get("/api/me/record/locations", this.citizenToken).andExpect(status().isOk())
			.andExpect(jsonPath("$.holders", hasSize(1)))
			.andExpect(jsonPath("$.holders[0].code").value(this.hospital.code()))
			.andExpect(jsonPath("$.holders[0].org_type").value("acute-hospital"))
			.andExpect(jsonPath("$.holders[0].categories", hasSize(2)))
			.andExpect(
					jsonPath("$.holders[0].categories[?(@.category == 'mental-health')].explicit_consent").value(true))
			.andExpect(jsonPath("$.holders[0].categories[0].pointers[0].name").isString())
			.andExpect(jsonPath("$.holders[0].categories[0].last_read_at").value(nullValue()));
	}

	@Test
	void accessWhenDirectiveAddedThenMatrixChangesAtOnce() throws Exception {
		declareRelationship();
		get("/api/me/record/access", this.citizenToken).andExpect(status().isOk())
			.andExpect(jsonPath("$.columns[?(@.category == 'medications')]").exists())
			.andExpect(cell(this.gp.code(), "medications").value("allowed"))
			.andExpect(cell(this.gp.code(), "mental-health").value("emergency-only"))
			.andExpect(
					jsonPath("$.org_types[?(@.org_type == 'social-care')].cells[?(@.category == 'medications')].access")
						.value("allowed"))
			.andExpect(jsonPath("$.org_types[?(@.org_type == 'pharmacy')].cells[?(@.category == 'genomic')].access")
				.value("denied"));

		this.mvc
			.perform(post("/api/me/directives").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.citizenToken)
				.contentType(MediaType.APPLICATION_JSON)
				.content(TestOAuth.toJson(Map.of("effect", "deny", "organisations", List.of(this.gp.code()),
						"categories", List.of("medications")))))
			.andExpect(status().isCreated());

		get("/api/me/record/access", this.citizenToken).andExpect(status().isOk())
			.andExpect(cell(this.gp.code(), "medications").value("emergency-only"))
			.andExpect(jsonPath("$.organisations[?(@.organisation == '" + this.gp.code()
					+ "')].cells[?(@.category == 'medications')].reason")
				.value("directive-deny"))
			.andExpect(jsonPath("$.organisations[?(@.organisation == '" + this.gp.code()
					+ "')].cells[?(@.category == 'medications')].explanation")
				.isNotEmpty());
	}

	@Test
	void recordWhenAnotherCitizensTokenThenRefused() throws Exception {
		PersonView other = this.people.citizen(TestNhsNumbers.next());
		String otherToken = this.people.accessToken(other.username());
		get("/api/citizens/" + this.nhs + "/record/locations", otherToken).andExpect(status().isForbidden());
		get("/api/citizens/" + this.nhs + "/record/access", otherToken).andExpect(status().isForbidden());
		get("/api/me/record/locations", otherToken).andExpect(status().isOk())
			.andExpect(jsonPath("$.holders", hasSize(0)));
	}

	@Test
	void recordWhenAgencyTokenThenRefused() throws Exception {
		get("/api/me/record/locations", this.gp.accessToken()).andExpect(status().isForbidden());
	}

	void declareRelationship() throws Exception {
		this.mvc
			.perform(post("/api/relationships").header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"subject\":\"" + this.nhs + "\"}"))
			.andExpect(status().isCreated());
		// the GP has now asked about the citizen once (a decision), so it appears as a
		// named row
		this.mvc.perform(post("/access/v1/evaluation")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + this.gp.accessToken())
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"subject\":{\"type\":\"agency-practitioner\",\"id\":\"P1\",\"properties\":{\"organisation\":\""
					+ this.gp.code() + "\",\"role\":\"clinician\"}},\"resource\":{\"type\":\"care-record\",\"id\":\""
					+ this.nhs + "\",\"properties\":{\"category\":\"summary\",\"holder\":\"" + this.hospital.code()
					+ "\"}},\"action\":{\"name\":\"read\"},\"context\":{\"purpose\":\"direct-care\"}}"))
			.andExpect(status().isOk());
	}

	org.springframework.test.web.servlet.result.JsonPathResultMatchers cell(String organisation, String category) {
		return jsonPath("$.organisations[?(@.organisation == '" + organisation + "')].cells[?(@.category == '"
				+ category + "')].access");
	}

}
