package care.concord.server.config;

import java.time.Clock;

import care.concord.server.agency.AgencyClientOwners;
import care.concord.server.agency.AgencyClientRepository;
import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.BootstrapAdmin;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRepository;
import care.concord.server.people.PersonUserDetailsService;
import care.concord.server.web.RequestSizeLimitFilter;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Wiring of the foundation features: agencies, people, request limits. (Controllers are picked up by
 * component scanning; services are created here so their dependencies are visible in one place.)
 */
@Configuration(proxyBeanMethods = false)
public class FeatureConfiguration {

	@Bean
	AgencyClientOwners clientOwnerDirectory(AgencyRepository agencies, AgencyClientRepository clients) {
		return new AgencyClientOwners(agencies, clients);
	}

	@Bean
	AgencyService agencyService(AgencyRepository agencies, AgencyClientRepository clients,
			ConcordRegisteredClientRepository registeredClients, TokenLifetimes lifetimes, Clock clock) {
		return new AgencyService(agencies, clients, registeredClients, lifetimes, clock);
	}

	/**
	 * People's passwords: a slow adaptive hash (bcrypt by default, through {@code DelegatingPasswordEncoder}
	 * so the algorithm can be upgraded). Client secrets never use this encoder.
	 */
	@Bean
	PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	@Bean
	PeopleService peopleService(PersonRepository people, PasswordEncoder passwordEncoder, Clock clock) {
		return new PeopleService(people, passwordEncoder, clock);
	}

	@Bean
	PersonUserDetailsService userDetailsService(PersonRepository people) {
		return new PersonUserDetailsService(people);
	}

	@Bean
	BootstrapAdmin bootstrapAdmin(PeopleService people, ConcordProperties properties) {
		return new BootstrapAdmin(people, properties.bootstrapAdmin().username(),
				properties.bootstrapAdmin().password());
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ConcordProperties properties) {
		FilterRegistrationBean<RequestSizeLimitFilter> registration = new FilterRegistrationBean<>(
				new RequestSizeLimitFilter(properties.http().maxRequestSize()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}


}
