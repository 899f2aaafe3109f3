package care.concord.server;

import care.concord.server.agency.AgencyService;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.PeopleService;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Registers the shared test fixtures as beans of the cached integration test context.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestFixturesConfiguration {

	@Bean
	TestAgencies testAgencies(MockMvc mvc, AgencyService agencies) {
		return new TestAgencies(mvc, agencies);
	}

	@Bean
	TestPeople testPeople(MockMvc mvc, PeopleService people, UserDetailsService userDetails,
			RegisteredClientRepository clients, TokenLifetimes lifetimes) {
		return new TestPeople(mvc, people, userDetails, clients, lifetimes);
	}

}
