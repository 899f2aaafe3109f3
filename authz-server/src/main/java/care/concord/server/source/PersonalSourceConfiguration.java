package care.concord.server.source;

import java.time.Clock;

import care.concord.server.audit.AdminActions;
import care.concord.server.audit.AuditLog;
import care.concord.server.oauth.AuthorizationServerCustomizer;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.uma.ResourceSetRepository;
import care.concord.server.uma.UmaAudit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of citizens' personal apps and devices (package {@code source}): the
 * {@link PersonalApps} service, which is also the
 * {@link care.concord.server.oauth.PersonalSources} the token customizer asks, and
 * Concord's own consent screen on the authorization endpoint. {@code /api/admin/**}
 * (administrators) and {@code /api/me/**} (citizens) are authorised by the existing
 * rules.
 */
@Configuration(proxyBeanMethods = false)
class PersonalSourceConfiguration {

	@Bean
	PersonalApps personalApps(JdbcOperations jdbc, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			ResourceSetRepository resources, UmaAudit umaAudit, AuditLog auditLog, AdminActions adminActions,
			TokenLifetimes lifetimes, PlatformTransactionManager transactionManager, Clock clock) {
		return new PersonalApps(new PersonalAppRepository(jdbc), clients, authorizations, consents, resources, umaAudit,
				auditLog, adminActions, jdbc, lifetimes, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	AuthorizationServerCustomizer consentPage() {
		return (server) -> server
			.authorizationEndpoint((authorization) -> authorization.consentPage(ConsentPageController.PATH));
	}

}
