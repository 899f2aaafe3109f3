package care.concord.server.record;

import care.concord.server.agency.AgencyRepository;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.uma.ResourceSetRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;

/** Wiring of the citizen's record views (package {@code record}). */
@Configuration(proxyBeanMethods = false)
class CitizenRecordConfiguration {

	@Bean
	CitizenRecord citizenRecord(ResourceSetRepository resources, AgencyRepository agencies,
			ConsentDecisionService decisions, JdbcOperations jdbc, ObjectProvider<PersonalSources> personalSources) {
		return new CitizenRecord(resources, agencies, decisions, jdbc,
				personalSources.getIfAvailable(PersonalSources::none));
	}

}
