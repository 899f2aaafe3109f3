package care.concord.server.audit;

import java.time.Clock;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.config.ApiAuthorizationRules;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

/**
 * Wiring of the audit log: the JDBC log, its verifier and search, the FHIR mapper (one {@link FhirContext} for
 * the application), and the access rules of {@code /api/audit/**}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	/**
	 * The audit log, on a small connection pool of its own. Callers append while holding a connection of the main
	 * pool (inside their own transaction); if appends drew from that same pool, enough concurrent callers would hold
	 * every connection while each waits for one more, and all would stall until the pool's time-out. With a pool of
	 * its own an append never waits on the callers' connections; appends are serialised by the chain-head lock
	 * anyway, so a few connections suffice. When none is free within the time-out the append fails and the caller
	 * refuses the request (fail closed).
	 */
	@Bean(destroyMethod = "close")
	JdbcAuditLog auditLog(DataSource dataSource, DataSourceProperties properties, ObjectProvider<Clock> clock,
			@Value("${concord.audit.pool-size:4}") int poolSize,
			@Value("${concord.audit.max-batch:256}") int maxBatch,
			@Value("${concord.audit.wait-timeout:10s}") java.time.Duration waitTimeout) {
		HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("concord-audit");
		pool.setMaximumPoolSize(poolSize);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(5_000);
		if (dataSource instanceof HikariDataSource main) {
			// Same lifetime policy as the main pool (H2 must keep its connections, see application.yml).
			pool.setMaxLifetime(main.getMaxLifetime());
		}
		return new JdbcAuditLog(pool, clock.getIfAvailable(Clock::systemUTC), maxBatch, waitTimeout);
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
