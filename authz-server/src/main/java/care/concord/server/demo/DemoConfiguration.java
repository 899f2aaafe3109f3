package care.concord.server.demo;

import java.time.Clock;

import care.concord.server.agency.AgencyRepository;
import care.concord.server.agency.AgencyService;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.review.BreakGlassReviewService;
import care.concord.server.decision.ConsentDecisionService;
import care.concord.server.identity.IdentityService;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRepository;
import care.concord.server.source.PersonalApps;
import care.concord.server.uma.ResourceSetRepository;
import care.concord.server.uma.UmaAudit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo data set, only with profile {@code demo}: agencies, people and clients, then
 * three weeks of activity through the real services, stamped by the {@link DemoClock}
 * (the server's clock in this profile).
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

	@Bean
	@Primary
	DemoClock demoClock() {
		return new DemoClock();
	}

	@Bean
	DemoData demoData(AgencyService agencies, AgencyRepository agencyRepository,
			ConcordRegisteredClientRepository clients, PeopleService people, PersonRepository personRepository,
			TokenLifetimes lifetimes, Clock clock, DemoClock demoClock, ConsentService consent,
			ConsentDecisionService decisions, BreakGlassReviewService reviews,
			ObjectProvider<IdentityService> identities, ResourceSetRepository resources, UmaAudit umaAudit,
			PlatformTransactionManager transactionManager, PersonalApps personalApps,
			OAuth2AuthorizationConsentService authorizationConsents) {
		DemoData data = new DemoData(agencies, agencyRepository, clients, people, personRepository, lifetimes, clock);
		data.activity(new DemoActivity(demoClock, consent, decisions, reviews, identities.getIfAvailable(),
				new DemoActivity.RecordPointers(resources, umaAudit, new TransactionTemplate(transactionManager)),
				new DemoActivity.PersonalAppConnections(personalApps, clients, authorizationConsents)));
		return data;
	}

}
