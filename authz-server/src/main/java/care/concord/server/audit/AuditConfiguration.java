package care.concord.server.audit;

import java.time.Clock;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.config.ApiAuthorizationRules;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Wiring of the audit log: the JDBC log, its verifier and search, the FHIR mapper (one {@link FhirContext} for
 * the application), and the access rules of {@code /api/audit/**}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	@Bean
	JdbcAuditLog auditLog(DataSource dataSource, ObjectProvider<Clock> clock) {
		return new JdbcAuditLog(dataSource, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	ChainVerifier auditChainVerifier(DataSource dataSource) {
		return new ChainVerifier(dataSource);
	}

	@Bean
	AuditSearch auditSearch(DataSource dataSource) {
		return new AuditSearch(dataSource);
	}

	@Bean
	AuditFhirMapper auditFhirMapper(FhirContext fhirContext) {
		return new AuditFhirMapper(fhirContext);
	}

	/** Only IG officers read the log; administrators may also check that it is intact. */
	@Bean
	ApiAuthorizationRules auditAuthorizationRules() {
		return (rules) -> rules.requestMatchers(HttpMethod.GET, "/api/audit/verify")
			.hasAnyRole("admin", "ig-officer")
			.requestMatchers("/api/audit/**")
			.hasRole("ig-officer");
	}

}
