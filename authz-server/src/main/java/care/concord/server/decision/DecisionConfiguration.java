package care.concord.server.decision;

import java.time.Clock;

import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.DecisionEngine;
import care.concord.server.audit.AuditLog;
import care.concord.server.config.ApiAuthorizationRules;
import care.concord.server.relationship.CareRelationships;
import care.concord.server.relationship.JdbcCareRelationships;
import care.concord.server.web.PublicDocuments;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the central decision service: the consent decision engine of the
 * {@code policy} module, the citizens' consent, the care relationships and the audit log;
 * plus the authorization rules of the AuthZEN API ({@code /access/v1/**}, scope
 * {@code decision}) and of {@code /api/relationships} (scope {@code uma_protection} or
 * {@code decision}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpaPolicyProperties.class)
public class DecisionConfiguration {

	@Bean
	JdbcCareRelationships careRelationships(JdbcOperations jdbc, PlatformTransactionManager transactionManager,
			AuditLog auditLog, Clock clock) {
		return new JdbcCareRelationships(jdbc, new TransactionTemplate(transactionManager), auditLog, clock);
	}

	/**
	 * The decision service. The engine is the {@link DecisionEngine} bean if a deployment
	 * defines one, else the engine of consent-decisions.md, narrowed by the OPA
	 * organisation policy when {@code concord.policy.opa.url} is set
	 * ({@link OpaPolicyProperties}). The consent source is the consent feature's
	 * {@link CitizenConsentSource} (the {@code @Primary} one when several exist); only
	 * when no such bean exists at all does {@link NoDirectivesConsentSource} stand in.
	 * Resolving the fallback here rather than with {@code @ConditionalOnMissingBean} on a
	 * bean method keeps it independent of the order in which configuration classes are
	 * read.
	 */
	@Bean
	ConsentDecisionService consentDecisionService(ObjectProvider<DecisionEngine> engine,
			ObjectProvider<CitizenConsentSource> consent, CareRelationships relationships, AuditLog auditLog,
			Clock clock, OpaPolicyProperties opa, MeterRegistry meters) {
		return new MeteredConsentDecisionService(
				new AuditedConsentDecisionService(
						engine.getIfAvailable(() -> new ConsentDecisionEngine(opa.organisationPolicy())),
						consent.getIfAvailable(NoDirectivesConsentSource::new), relationships, auditLog, clock),
				meters);
	}

	@Bean
	ApiAuthorizationRules decisionApiRules() {
		return (rules) -> rules.requestMatchers("/access/v1/**")
			.hasAuthority("SCOPE_decision")
			.requestMatchers("/api/relationships", "/api/relationships/**")
			.hasAnyAuthority("SCOPE_uma_protection", "SCOPE_decision");
	}

	/** AuthZEN PDP metadata is public, like the other discovery documents. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 2)
	SecurityFilterChain authZenDiscoverySecurityFilterChain(HttpSecurity http) throws Exception {
		return PublicDocuments.chain(http, AuthZenConfigurationController.PATH);
	}

}
