package care.concord.server.record;

import care.concord.server.agency.AgencyRepository;
import care.concord.server.audit.AuditSearch;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.uma.ResourceSetRepository;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wiring of the citizen's record views (package {@code record}). */
@Configuration(proxyBeanMethods = false)
class CitizenRecordConfiguration {

	@Bean
	CitizenRecord citizenRecord(ResourceSetRepository resources, AgencyRepository agencies,
			ConsentDecisionService decisions, AuditSearch audit, ObjectProvider<PersonalSources> personalSources) {
		return new CitizenRecord(resources, agencies, decisions, audit,
				personalSources.getIfAvailable(PersonalSources::none));
	}

}
