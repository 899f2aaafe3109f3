package care.concord.server.directory;

import java.util.List;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestPeople;
import care.concord.server.agency.AgencyService;
import care.concord.server.agency.ClientUpdate;
import care.concord.server.audit.AuditActor;
import care.concord.server.source.PersonalApp;
import care.concord.server.source.PersonalApps;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The client directory behind the names on the IG pages: agency systems and personal apps
 * by client id, with names and nothing secret, for IG officers and administrators only.
 */
@ConcordIntegrationTest
class ClientDirectoryControllerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies testAgencies;

	@Autowired
	AgencyService agencies;

	@Autowired
	PersonalApps personalApps;

	@Test
	void clientsWhenIgOfficerThenAgencySystemsAndPersonalAppsByNameWithoutSecrets() throws Exception {
		TestAgencies.TestAgency hospital = this.testAgencies.register(OrgType.ACUTE_HOSPITAL, "decision");
		this.agencies.updateClient(hospital.code(), hospital.clientId(),
				new ClientUpdate("Leeds PAS", List.of("client_credentials"), List.of("decision"), null, null));
		PersonalApp app = this.personalApps.register(AuditActor.user("admin"), "Stride activity watch",
				List.of("https://stride.example/callback"), List.of("wearable"));
		this.personalApps.setEnabled(AuditActor.user("admin"), app.clientId(), false);
		String officer = this.people.accessToken(this.people.create(List.of("ig-officer"), null).username());

		String system = "$[?(@.client_id == '" + hospital.clientId() + "')]";
		String personal = "$[?(@.client_id == '" + app.clientId() + "')]";
		this.mvc.perform(get("/api/directory/clients").header(HttpHeaders.AUTHORIZATION, "Bearer " + officer))
			.andExpect(status().isOk())
			.andExpect(jsonPath(system + ".name").value("Leeds PAS"))
			.andExpect(jsonPath(system + ".kind").value("agency-system"))
			.andExpect(jsonPath(system + ".agency").value(hospital.code()))
			.andExpect(jsonPath(system + ".enabled").value(true))
			.andExpect(jsonPath(personal + ".name").value("Stride activity watch"))
			.andExpect(jsonPath(personal + ".kind").value("personal-app"))
			.andExpect(jsonPath(personal + ".enabled").value(false))
			.andExpect(jsonPath("$[*].client_secret").doesNotExist())
			.andExpect(jsonPath("$[*].scopes").doesNotExist())
			.andExpect(jsonPath("$[*].redirect_uris").doesNotExist());
	}

	@Test
	void clientsWhenCitizenOrAgencyOrNoTokenThenRefused() throws Exception {
		String citizen = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		String agency = this.testAgencies.register(OrgType.GP, "decision").accessToken();
		this.mvc.perform(get("/api/directory/clients").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/directory/clients").header(HttpHeaders.AUTHORIZATION, "Bearer " + agency))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/api/directory/clients")).andExpect(status().isUnauthorized());
		// the agency directory stays open to citizens
		this.mvc.perform(get("/api/directory/agencies").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isOk());
	}

}
