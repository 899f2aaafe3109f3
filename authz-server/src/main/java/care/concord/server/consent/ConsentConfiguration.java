package care.concord.server.consent;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

import ca.uhn.fhir.context.FhirContext;

import care.concord.server.agency.AgencyRepository;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditSearch;
import care.concord.server.config.ApiAuthorizationRules;
import care.concord.server.config.ConcordProperties;
import care.concord.server.consent.fhir.ConsentFhirDefinitions;
import care.concord.server.consent.fhir.FhirConsentMapper;
import care.concord.server.consent.proxy.ProxyService;
import care.concord.server.consent.proxy.ProxyStore;
import care.concord.server.consent.receipt.ReceiptIssuer;
import care.concord.server.consent.review.BreakGlassReviewService;
import care.concord.server.consent.review.BreakGlassReviews;
import care.concord.server.consent.stats.DecisionStatisticsQuery;
import care.concord.server.consent.receipt.ReceiptStore;
import care.concord.server.decision.CitizenConsentSource;
import care.concord.server.oauth.SigningKeyService;
import care.concord.server.people.PersonRepository;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of citizens' consent management: the consent store and the
 * {@link CitizenConsentSource} the decision service reads, receipts, proxies, the access
 * log, and the access rules of the consent endpoints:
 * <ul>
 * <li>{@code /api/me/**}: role {@code citizen} (the subject is the token's
 * {@code nhs_number});</li>
 * <li>{@code /api/citizens}, {@code /api/citizens/**}: a person's token (any Concord
 * role); the proxy check is made per request by {@link ConsentActorResolver};</li>
 * <li>{@code /fhir/Consent}, {@code /fhir/Consent/**}: as {@code /api/citizens/**};</li>
 * <li>{@code /api/ig/**}: role {@code ig-officer} (an administrator without it cannot
 * read consent).</li>
 * </ul>
 * Agency tokens carry no roles and so reach none of them.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentConfiguration {

	@Bean
	ApiAuthorizationRules consentAuthorizationRules() {
		return (rules) -> rules.requestMatchers("/api/me/**")
			.hasRole("citizen")
			.requestMatchers("/api/citizens", "/api/citizens/**", "/fhir/Consent", "/fhir/Consent/**")
			.hasAnyRole("citizen", "ig-officer", "admin")
			.requestMatchers("/api/ig/**")
			.hasRole("ig-officer");
	}

	@Bean
	JdbcConsentStore consentStore(JdbcTemplate jdbc) {
		return new JdbcConsentStore(jdbc);
	}

	@Bean
	CitizenConsentSource citizenConsentSource(ConsentStore store, PlatformTransactionManager transactionManager) {
		TransactionTemplate readOnly = new TransactionTemplate(transactionManager);
		readOnly.setReadOnly(true);
		return new StoredCitizenConsentSource(store, readOnly);
	}

	@Bean
	ReceiptStore consentReceiptStore(JdbcTemplate jdbc) {
		return new ReceiptStore(jdbc);
	}

	@Bean
	ReceiptIssuer consentReceiptIssuer(SigningKeyService keys, ConsentProperties properties,
			ConcordProperties concord) {
		return new ReceiptIssuer(keys::currentSigningKey, properties, concord.issuer());
	}

	@Bean
	ConsentService consentService(ConsentStore store, ReceiptIssuer receipts, ReceiptStore receiptStore, AuditLog audit,
			PlatformTransactionManager transactionManager, ApplicationEventPublisher events,
			ConsentProperties properties, Clock clock, RegisteredOrganisations organisations) {
		return new ConsentService(store, receipts, receiptStore, audit, new TransactionTemplate(transactionManager),
				events, properties, clock, organisations);
	}

	/**
	 * The organisations directives may name: the registered agencies, enabled or not.
	 */
	@Bean
	RegisteredOrganisations registeredOrganisations(AgencyRepository agencies) {
		return (codes) -> {
			Set<String> unregistered = new LinkedHashSet<>(codes);
			agencies.findAllById(Set.copyOf(codes)).forEach((agency) -> unregistered.remove(agency.getCode()));
			return unregistered;
		};
	}

	@Bean
	ProxyStore consentProxyStore(JdbcTemplate jdbc) {
		return new ProxyStore(jdbc);
	}

	@Bean
	ConsentActorResolver consentActorResolver(ProxyStore proxies) {
		return new ConsentActorResolver(proxies);
	}

	@Bean
	ProxyService consentProxyService(ProxyStore store, PersonRepository people, AuditLog audit,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new ProxyService(store, people, audit, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	AccessLog consentAccessLog(AuditSearch search) {
		return new AccessLog(search);
	}

	/** The mapper, on the application's one FHIR context (creating one is expensive). */
	@Bean
	FhirConsentMapper fhirConsentMapper(FhirContext fhirContext) {
		return new FhirConsentMapper(fhirContext);
	}

	@Bean
	ConsentFhirDefinitions consentFhirDefinitions(FhirContext fhirContext) {
		return new ConsentFhirDefinitions(fhirContext);
	}

	@Bean
	BreakGlassReviews breakGlassReviews(JdbcTemplate jdbc) {
		return new BreakGlassReviews(jdbc);
	}

	@Bean
	BreakGlassReviewService breakGlassReviewService(BreakGlassReviews reviews, AuditLog audit,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new BreakGlassReviewService(reviews, audit, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	DecisionStatisticsQuery decisionStatisticsQuery(JdbcTemplate jdbc) {
		return new DecisionStatisticsQuery(jdbc);
	}

}
