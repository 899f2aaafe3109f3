package care.concord.server.audit;

import java.time.Clock;

import javax.sql.DataSource;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.config.ApiAuthorizationRules;
import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.SigningKeyService;

import com.zaxxer.hikari.HikariDataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.oauth2.jwt.JwtEncoder;

/**
 * Wiring of the audit log: the JDBC log, its verifier and search, the FHIR mapper (one
 * {@link FhirContext} for the application), and the access rules of
 * {@code /api/audit/**}.
 */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	/**
	 * The audit log, on a small connection pool of its own. Callers append while holding
	 * a connection of the main pool (inside their own transaction); if appends drew from
	 * that same pool, enough concurrent callers would hold every connection while each
	 * waits for one more, and all would stall until the pool's time-out. With a pool of
	 * its own an append never waits on the callers' connections; appends are serialised
	 * by the chain-head lock anyway, so a few connections suffice. When none is free
	 * within the time-out the append fails and the caller refuses the request (fail
	 * closed).
	 */
	@Bean(destroyMethod = "close")
	JdbcAuditLog auditLog(DataSource dataSource, DataSourceProperties properties, ObjectProvider<Clock> clock,
			@Value("${concord.audit.pool-size:4}") int poolSize, @Value("${concord.audit.max-batch:256}") int maxBatch,
			@Value("${concord.audit.wait-timeout:10s}") java.time.Duration waitTimeout,
			@Value("${concord.audit.gather-delay:400us}") java.time.Duration gather,
			@Value("${concord.audit.idle-in-transaction-timeout:2s}") java.time.Duration idleInTransaction) {
		HikariDataSource pool = properties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
		pool.setPoolName("concord-audit");
		pool.setMaximumPoolSize(poolSize);
		pool.setMinimumIdle(1);
		pool.setConnectionTimeout(2_500);
		if (dataSource instanceof HikariDataSource main) {
			// Same lifetime policy as the main pool (H2 must keep its connections, see
			// application.yml), and the
			// same driver settings: the time-outs of application-postgres.yml bound the
			// audit writer too.
			pool.setMaxLifetime(main.getMaxLifetime());
			pool.setConnectionTimeout(main.getConnectionTimeout());
			pool.setValidationTimeout(main.getValidationTimeout());
			pool.setDataSourceProperties(main.getDataSourceProperties());
		}
		if (pool.getJdbcUrl() != null && pool.getJdbcUrl().startsWith("jdbc:postgresql:")) {
			// The writer never idles inside its transaction: one that does lost its
			// client while holding the
			// chain-head lock, which every node's writer waits for. PostgreSQL ends it,
			// and frees the lock, soon.
			pool.setConnectionInitSql("SET idle_in_transaction_session_timeout = " + idleInTransaction.toMillis());
		}
		return new JdbcAuditLog(pool, clock.getIfAvailable(Clock::systemUTC), maxBatch, waitTimeout, gather);
	}

	/**
	 * Signed checkpoints of the chain head, every
	 * {@code concord.audit.checkpoint-interval} (default 1 s) when the head moved;
	 * {@code 0} signs none (verification still checks the checkpoints already stored).
	 */
	@Bean(destroyMethod = "close")
	AuditCheckpoints auditCheckpoints(DataSource dataSource, JwtEncoder jwtEncoder, SigningKeyService keys,
			ConcordProperties properties, ObjectProvider<Clock> clock,
			@Value("${concord.audit.checkpoint-interval:1s}") java.time.Duration interval) {
		AuditCheckpoints checkpoints = new AuditCheckpoints(dataSource, jwtEncoder,
				() -> keys.currentAlgorithm().getName(), keys.publishedJwkSource(), properties.issuer(),
				clock.getIfAvailable(Clock::systemUTC));
		if (!interval.isZero()) {
			checkpoints.start(interval);
		}
		return checkpoints;
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

	@Bean
	AuditFhirDefinitions auditFhirDefinitions() {
		return new AuditFhirDefinitions();
	}

	/**
	 * Only IG officers read the log; administrators may also check that it is intact; any
	 * authenticated caller may fetch the newest signed checkpoint, to hold as proof of
	 * how far the log reached.
	 */
	@Bean
	ApiAuthorizationRules auditAuthorizationRules() {
		return (rules) -> rules.requestMatchers(HttpMethod.GET, "/api/audit/checkpoint")
			.authenticated()
			.requestMatchers(HttpMethod.GET, "/api/audit/verify")
			.hasAnyRole("admin", "ig-officer")
			.requestMatchers("/api/audit/**", "/fhir/AuditEvent", "/fhir/AuditEvent/**")
			.hasRole("ig-officer");
	}

}
