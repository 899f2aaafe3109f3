package care.concord.server.consent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.InvalidRequestException;
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

	/** The registered agencies' codes. */
	private final Set<String> registered = new HashSet<>(Set.of("A81001", "RRP"));

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
				properties, java.time.Clock.systemUTC(),
				(codes) -> codes.stream()
					.filter((code) -> !this.registered.contains(code))
					.collect(Collectors.toCollection(LinkedHashSet::new)));
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
	void addWhenOrganisationIsNotRegisteredThenRefusedNamingFieldAndCodeAndNothingWritten() throws Exception {
		ConsentService service = service(new JdbcAuditLog(this.dataSource, java.time.Clock.systemUTC()));
		DirectiveInput input = new DirectiveInput("deny", List.of("A81001", "ZZZ99"), null, null, null, null, null,
				null);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service.add(ConsentActor.self(NHS, "citizen-1"), input))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo("organisations[1]");
				assertThat(ex.problem()).contains("'ZZZ99'").contains("not the code of an agency registered");
			});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM consent_directive", Long.class)).isZero();
		assertThat(new JdbcConsentStore(this.jdbc).consentVersion(NHS)).isZero();
	}

	@Test
	void changeWhenOrganisationWasNamedBeforeThenKeptAndOnlyNewCodesChecked() throws Exception {
		ConsentService service = service(new JdbcAuditLog(this.dataSource, java.time.Clock.systemUTC()));
		ConsentActor citizen = ConsentActor.self(NHS, "citizen-1");
		String id = service.add(citizen, new DirectiveInput("deny", List.of("RRP"), null, null, null, null, null, null))
			.recorded()
			.get(0)
			.id();
		// a directive stored before its organisation left the register (or before the
		// check) can still be changed without retyping it
		this.registered.remove("RRP");
		service.change(citizen, id,
				new DirectiveInput("deny", List.of("RRP"), null, null, List.of("mental-health"), null, null, null));
		assertThat(service.directive(NHS, id).version()).isEqualTo(2);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service.change(citizen, id,
					new DirectiveInput("deny", List.of("RRP", "NOPE1"), null, null, null, null, null, null)))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("organisations[1]"));
		assertThat(service.directive(NHS, id).version()).isEqualTo(2);
	}

	@Test
	void replaceAllWhenADraftNamesAnUnregisteredOrganisationThenRefusedNamingTheDraft() throws Exception {
		ConsentService service = service(new JdbcAuditLog(this.dataSource, java.time.Clock.systemUTC()));
		ConsentActor citizen = ConsentActor.self(NHS, "citizen-1");
		List<Directive> drafts = List.of(Directive.builder().id("a").effect("permit").organisations("A81001").build(),
				Directive.builder().id("b").effect("deny").organisations("RRP", "QQQ01").build());
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> service.replaceAll(citizen, drafts, null))
			.satisfies((ex) -> {
				assertThat(ex.field()).isEqualTo("directives[1].organisations");
				assertThat(ex.problem()).contains("'QQQ01'");
			});
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM consent_directive", Long.class)).isZero();
		assertThat(service.replaceAll(citizen, drafts.subList(0, 1), null).recorded()).hasSize(1);
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
