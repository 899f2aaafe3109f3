package care.concord.server.demo;

import java.time.Clock;

import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestOAuth;
import care.concord.server.TestOAuth.Pkce;
import care.concord.server.TestPeople;
import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRepository;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo data set: documented credentials work, seeding twice changes nothing. (Runs
 * the seeder in the shared test context rather than starting a second context with
 * profile {@code demo}.)
 */
@ConcordIntegrationTest
class DemoDataTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	AgencyService agencies;

	@Autowired
	AgencyRepository agencyRepository;

	@Autowired
	ConcordRegisteredClientRepository clients;

	@Autowired
	PeopleService people;

	@Autowired
	PersonRepository personRepository;

	@Autowired
	TokenLifetimes lifetimes;

	@Autowired
	TestAgencies testAgencies;

	@Autowired
	TestPeople testPeople;

	@Test
	void seedWhenRunTwiceThenDocumentedCredentialsWorkAndSecondRunCreatesNothing() throws Exception {
		DemoData demo = new DemoData(this.agencies, this.agencyRepository, this.clients, this.people,
				this.personRepository, this.lifetimes, Clock.systemUTC());
		demo.seed();
		assertThat(demo.seed()).isZero();
		String token = this.testAgencies.clientCredentialsToken("a81001-client", "demo-secret-a81001", "decision");
		assertThat(TestOAuth.jwtClaims(token)).containsEntry("org_code", "A81001").containsEntry("org_type", "gp");
		assertThat(TestOAuth.jwtClaims(this.testAgencies.clientCredentialsToken("rr8-client", "demo-secret-rr8")))
			.containsEntry("org_type", "acute-hospital");
		assertThat(TestOAuth.jwtClaims(this.testAgencies.clientCredentialsToken("sc101-client", "demo-secret-sc101")))
			.containsEntry("org_type", "social-care");
		assertThat(this.agencyRepository.findAll()).extracting((agency) -> agency.getCode())
			.contains("A81001", "RR8", "RRP", "SC101", "FA123", "RES01");
		RegisteredClient console = this.clients.findByClientId("concord-console");
		assertThat(console.getRedirectUris()).contains("http://localhost:8080/console/callback",
				"http://127.0.0.1:8080/console/callback");
		String code = this.testPeople.authorizationCode("concord-console", "http://127.0.0.1:8080/console/callback",
				this.testPeople.login("alice", "concord-demo-alice"), Pkce.generate(), "openid");
		assertThat(code).isNotBlank();
		this.mvc
			.perform(post("/login").param("username", "iris")
				.param("password", "concord-demo-iris")
				.with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
					.csrf()))
			.andExpect(status().is3xxRedirection());
		assertThat(this.people.get("alice").nhsNumber()).isEqualTo("9434765919");
		assertThat(this.people.get("admin").roles()).containsExactly("admin");
	}

}
