package care.concord.server.agency;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The agency directory people choose organisations from: names, codes and types for any
 * signed-in person, search by name or code, nothing for agencies' own tokens.
 */
@ConcordIntegrationTest
class AgencyDirectoryControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	AgencyService agencies;

	@Autowired
	TestAgencies testAgencies;

	@Test
	void directoryWhenCitizenSearchesByNameThenMatchingAgenciesWithNameCodeAndType() throws Exception {
		String code = TestAgencies.randomCode();
		String other = TestAgencies.randomCode();
		this.agencies.register(new AgencyRegistration(code, "Riverside Medical Practice " + code, "gp"));
		this.agencies.register(new AgencyRegistration(other, "Hilltop Hospital " + other, "acute-hospital"));
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());

		this.mvc
			.perform(get("/api/directory/agencies").param("q", "riverside medical practice " + code.toLowerCase())
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].code").value(code))
			.andExpect(jsonPath("$[0].name").value("Riverside Medical Practice " + code))
			.andExpect(jsonPath("$[0].org_type").value("gp"))
			.andExpect(jsonPath("$[0].enabled").value(true))
			.andExpect(jsonPath("$[0].clients").doesNotExist());
		this.mvc
			.perform(get("/api/directory/agencies").param("q", other.substring(0, 5))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code", hasItem(other)))
			.andExpect(jsonPath("$[*].code", not(hasItem(code))));
		this.mvc.perform(get("/api/directory/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[*].code", hasItem(code)))
			.andExpect(jsonPath("$[*].code", hasItem(other)));
	}

	@Test
	void directoryWhenAgencyTokenOrNoTokenThenRefused() throws Exception {
		String agencyToken = this.testAgencies.register(OrgType.GP, "decision").accessToken();
		this.mvc.perform(get("/api/directory/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + agencyToken))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/directory/agencies")).andExpect(status().isUnauthorized());
	}

}
