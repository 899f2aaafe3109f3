package care.concord.server.agency;

import java.time.Clock;

import care.concord.server.oauth.CachingClientOwnerDirectory;
import care.concord.server.oauth.ClientOwnerDirectory;
import care.concord.server.oauth.ClientRegistryVersion;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;

/**
 * Wiring of the agency feature: the agency service and the directory that tells, for each
 * OAuth client, the agency that owns it.
 */
@Configuration(proxyBeanMethods = false)
public class AgencyConfiguration {

	@Bean
	AgencyRepository agencyRepository(JdbcOperations jdbc) {
		return new AgencyRepository(jdbc);
	}

	@Bean
	AgencyClientRepository agencyClientRepository(JdbcOperations jdbc) {
		return new AgencyClientRepository(jdbc);
	}

	/**
	 * Agency clients' owners, cached per client registry generation (read on every token
	 * request).
	 */
	@Bean
	ClientOwnerDirectory clientOwnerDirectory(AgencyRepository agencies, AgencyClientRepository clients,
			ClientRegistryVersion version) {
		return new CachingClientOwnerDirectory(new AgencyClientOwners(agencies, clients), version);
	}

	@Bean
	AgencyService agencyService(AgencyRepository agencies, AgencyClientRepository clients,
			ConcordRegisteredClientRepository registeredClients, TokenLifetimes lifetimes, Clock clock,
			ClientRegistryVersion version) {
		return new AgencyService(agencies, clients, registeredClients, lifetimes, clock, version);
	}

}
