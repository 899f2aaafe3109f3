package care.concord.server.consent;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.TestDatabases;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditLogException;
import care.concord.server.audit.JdbcAuditLog;
import care.concord.server.consent.receipt.ReceiptIssuer;
import care.concord.server.consent.receipt.ReceiptStore;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link ConsentService} on its own H2 database (all Flyway migrations): a change that
 * cannot be audited is rolled back entirely (no directive, no version bump, no receipt,
 * no event).
 */
class ConsentServiceTests {

	private static final NhsNumber NHS = NhsNumber.parse("9434765919");

	private JdbcTemplate jdbc;

	private HikariDataSource dataSource;

	private final List<Object> events = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:consent-" + UUID.randomUUID() + ";" + TestDatabases.H2_SETTINGS);
		this.dataSource.setUsername("sa");
		this.dataSource.setMaximumPoolSize(4);
		Flyway.configure().dataSource(this.dataSource).locations("classpath:db/migration").load().migrate();
		this.jdbc = new JdbcTemplate(this.dataSource);
	}

	@AfterEach
	void tearDown() {
		this.dataSource.close();
	}

	private ConsentService service(AuditLog audit) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).keyID("test-key").algorithm(JWSAlgorithm.RS256).generate();
		ConsentProperties properties = new ConsentProperties("2026-11", "Concord", "", 100, 50);
		return new ConsentService(new JdbcConsentStore(this.jdbc), new ReceiptIssuer(() -> key, properties, null),
				new ReceiptStore(this.jdbc), audit,
				new TransactionTemplate(new DataSourceTransactionManager(this.dataSource)), this.events::add,
				properties, java.time.Clock.systemUTC());
	}

	private static DirectiveInput deny() {
		return new DirectiveInput("deny", null, List.of("social-care"), null, List.of("mental-health"), null, null,
				null);
	}

	@Test
	void addWhenAuditFailsThenNothingWritten() throws Exception {
		ConsentService service = service((event) -> {
			throw new AuditLogException("audit database down", null);
		});
		assertThatExceptionOfType(AuditLogException.class)
			.isThrownBy(() -> service.add(ConsentActor.self(NHS, "citizen-1"), deny()));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM consent_directive", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM consent_receipt", Long.class)).isZero();
		assertThat(new JdbcConsentStore(this.jdbc).consentVersion(NHS)).isZero();
		assertThat(this.events).isEmpty();
	}

	@Test
	void addWhenAuditedThenDirectiveReceiptVersionAndEvent() throws Exception {
		ConsentService service = service(new JdbcAuditLog(this.dataSource, java.time.Clock.systemUTC()));
		ConsentOutcome outcome = service.add(ConsentActor.self(NHS, "citizen-1"), deny());
		assertThat(outcome.receipt()).isNotNull();
		assertThat(outcome.state().version()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM consent_directive", Long.class)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE event_type = 'CONSENT_CHANGE'",
				Long.class))
			.isEqualTo(1);
		// Outside a Spring-managed transaction synchronisation still runs: the event
		// follows the commit.
		assertThat(this.events).containsExactly(new ConsentChangedEvent(NHS, 1));
	}

	@Test
	void revokeWhenRevokedThenConflictAndVersionBumpRolledBack() throws Exception {
		ConsentService service = service(new JdbcAuditLog(this.dataSource, java.time.Clock.systemUTC()));
		ConsentActor citizen = ConsentActor.self(NHS, "citizen-1");
		String id = service.add(citizen, deny()).recorded().get(0).id();
		service.revoke(citizen, id);
		assertThatExceptionOfType(care.concord.server.domain.StateConflictException.class)
			.isThrownBy(() -> service.revoke(citizen, id));
		assertThat(new JdbcConsentStore(this.jdbc).consentVersion(NHS)).isEqualTo(2);
		assertThat(service.history(NHS, id)).hasSize(2);
	}

}
