package care.concord.server.demo;

import java.time.Clock;

import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRepository;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo data set, only with profile {@code demo}.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

	@Bean
	DemoData demoData(AgencyService agencies, AgencyRepository agencyRepository,
			ConcordRegisteredClientRepository clients, PeopleService people, PersonRepository personRepository,
			TokenLifetimes lifetimes, Clock clock) {
		return new DemoData(agencies, agencyRepository, clients, people, personRepository, lifetimes, clock);
	}

}
