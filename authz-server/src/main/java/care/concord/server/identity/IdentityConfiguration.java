package care.concord.server.identity;

import java.time.Clock;

import care.concord.identity.matching.scoring.MatchModel;
import care.concord.server.audit.AuditLog;
import care.concord.server.config.ApiAuthorizationRules;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wiring of the identity service and the access rules of its endpoints:
 * <ul>
 * <li>{@code /api/identity/records/**}: scope {@code identity} (agency client tokens; the
 * controller also requires an {@code org_code});</li>
 * <li>{@code /api/identity/persons/**}: scope {@code identity} or role
 * {@code ig-officer};</li>
 * <li>{@code /api/identity/reviews/**}: role {@code ig-officer};</li>
 * <li>anything else under {@code /api/identity/}: denied.</li>
 * </ul>
 * Matching reads candidates from the database by blocking key on every submission (no
 * in-memory index), so every node sees every other node's writes; the model is
 * identity-matching's shipped default, its thresholds overridable under
 * {@code concord.identity.*}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
public class IdentityConfiguration {

	@Bean
	ApiAuthorizationRules identityAuthorizationRules() {
		return (rules) -> rules.requestMatchers(HttpMethod.POST, "/api/identity/records")
			.hasAuthority("SCOPE_identity")
			.requestMatchers(HttpMethod.GET, "/api/identity/records/*")
			.hasAuthority("SCOPE_identity")
			.requestMatchers(HttpMethod.GET, "/api/identity/persons/*")
			.hasAnyAuthority("SCOPE_identity", "ROLE_ig-officer")
			.requestMatchers(HttpMethod.GET, "/api/identity/reviews", "/api/identity/reviews/*")
			.hasRole("ig-officer")
			.requestMatchers(HttpMethod.POST, "/api/identity/reviews/*/accept", "/api/identity/reviews/*/reject")
			.hasRole("ig-officer")
			.requestMatchers("/api/identity", "/api/identity/**")
			.denyAll();
	}

	@Bean
	JdbcIdentityStore identityStore(JdbcTemplate jdbc) {
		return new JdbcIdentityStore(jdbc);
	}

	@Bean
	LinkageEngine identityLinkageEngine(IdentityProperties properties) {
		return LinkageEngine.of(MatchModel.loadDefault(), properties);
	}

	@Bean
	IdentityService identityService(IdentityStore store, LinkageEngine engine, AuditLog audit,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new IdentityService(store, engine, audit, new TransactionTemplate(transactionManager), clock);
	}

	@Bean
	IdentityReviewService identityReviewService(IdentityStore store, LinkageEngine engine, AuditLog audit,
			PlatformTransactionManager transactionManager, Clock clock) {
		return new IdentityReviewService(store, engine, audit, new TransactionTemplate(transactionManager), clock);
	}

}
