package care.concord.server.consent;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.sql.DataSource;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.TestNhsNumbers;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditOutcome;
import care.concord.server.audit.AuditRecord;
import care.concord.server.audit.JdbcAuditLog;
import care.concord.server.consent.proxy.ProxyGrant;
import care.concord.server.consent.proxy.ProxyStore;
import care.concord.server.consent.receipt.ReceiptIssuer;
import care.concord.server.consent.receipt.ReceiptStore;
import care.concord.server.consent.review.BreakGlassReviews;
import care.concord.server.consent.stats.DecisionStatistics;
import care.concord.server.consent.stats.DecisionStatisticsQuery;
import care.concord.server.consent.stats.StatsBucket;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The consent feature's SQL, run against every database Concord supports (H2 in
 * PostgreSQL mode, PostgreSQL 15): directive versions round-trip to the microsecond,
 * changes of one citizen serialise on the consent row under concurrency, and the IG
 * queries (break-glass queue, statistics buckets) give the same answers.
 */
abstract class ConsentStoreContract {

	private static final RSAKey KEY;

	static {
		try {
			KEY = new RSAKeyGenerator(2048).keyID("contract-key").algorithm(JWSAlgorithm.RS256).generate();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	protected abstract DataSource dataSource();

	private JdbcTemplate jdbc;

	private ConsentService service;

	private JdbcAuditLog audit;

	@BeforeEach
	void createService() {
		this.jdbc = new JdbcTemplate(dataSource());
		this.audit = new JdbcAuditLog(dataSource(), Clock.systemUTC());
		ConsentProperties properties = new ConsentProperties("2026-11", "Concord", "", 100, 50);
		this.service = new ConsentService(new JdbcConsentStore(this.jdbc),
				new ReceiptIssuer(() -> KEY, properties, "http://localhost"), new ReceiptStore(this.jdbc), this.audit,
				new TransactionTemplate(new DataSourceTransactionManager(dataSource())), (event) -> {
				}, properties, Clock.systemUTC(), (codes) -> new LinkedHashSet<>(
						codes.stream().filter((code) -> !Set.of("RRP", "A81001").contains(code)).toList()));
	}

	private static NhsNumber citizen() {
		return NhsNumber.parse(TestNhsNumbers.next());
	}

	@Test
	void stateWhenDirectivesChangedThenEveryVersionRoundTripsToTheMicrosecond() {
		NhsNumber nhs = citizen();
		ConsentActor actor = ConsentActor.self(nhs, "citizen-1");
		DirectiveInput input = new DirectiveInput("deny", List.of("RRP", "A81001"), List.of("social-care", "gp"),
				List.of("nurse"), List.of("mental-health"), List.of("direct-care", "research"),
				"2026-12-01T10:15:30.123456Z", "2027-01-01T00:00:00Z");
		DirectiveVersion created = this.service.add(actor, input).recorded().get(0);
		DirectiveVersion changed = this.service
			.change(actor, created.id(), new DirectiveInput("permit", null, null, null, null, null, null, null))
			.recorded()
			.get(0);
		this.service.setNationalOptOut(actor, true);
		ConsentState state = new JdbcConsentStore(this.jdbc).state(nhs);
		assertThat(state.version()).isEqualTo(3);
		assertThat(state.nationalOptOut()).isTrue();
		assertThat(state.directives()).containsExactly(changed);
		List<DirectiveVersion> history = this.service.history(nhs, created.id());
		assertThat(history).containsExactly(created, changed);
		assertThat(history.get(0).directive().start()).isEqualTo(Instant.parse("2026-12-01T10:15:30.123456Z"));
		assertThat(new ReceiptStore(this.jdbc).count(nhs)).isEqualTo(3);
	}

	@Test
	void addWhenConcurrentForOneCitizenThenSerialisedWithDistinctVersions() throws Exception {
		NhsNumber nhs = citizen();
		ConsentActor actor = ConsentActor.self(nhs, "citizen-1");
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Long>> tasks = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				tasks.add(() -> this.service
					.add(actor, new DirectiveInput("deny", null, null, null, null, null, null, null))
					.state()
					.version());
			}
			List<Long> versions = new ArrayList<>();
			for (Future<Long> future : pool.invokeAll(tasks)) {
				versions.add(future.get());
			}
			assertThat(versions).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(new JdbcConsentStore(this.jdbc).state(nhs).activeDirectives()).hasSize(8);
		assertThat(new JdbcConsentStore(this.jdbc).consentVersion(nhs)).isEqualTo(8);
	}

	@Test
	void proxyStoreWhenNamedTwiceThenSecondInsertIgnored() {
		NhsNumber nhs = citizen();
		ProxyStore proxies = new ProxyStore(this.jdbc);
		ProxyGrant grant = new ProxyGrant(nhs, "citizen-1", "carer-1", Instant.now().truncatedTo(ChronoUnit.MICROS));
		assertThat(proxies.insert(grant)).isTrue();
		assertThat(proxies.insert(grant)).isFalse();
		assertThat(proxies.find(nhs, "carer-1")).contains(grant);
		assertThat(proxies.delete(nhs, "carer-1")).isTrue();
		assertThat(proxies.find(nhs, "carer-1")).isEmpty();
	}

	@Test
	void breakGlassQueueAndStatisticsWhenDecisionsAuditedThenCountedInBuckets() {
		NhsNumber nhs = citizen();
		String agency = "TQ" + nhs.value().substring(0, 6);
		Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS);
		Instant to = from.plus(1, ChronoUnit.DAYS);
		DecisionStatisticsQuery statistics = new DecisionStatisticsQuery(this.jdbc);
		DecisionStatistics before = statistics.statistics(from, to, StatsBucket.HOUR);
		AuditRecord breakGlass = append(agency, nhs, AuditOutcome.PERMIT, "break-glass", "arrest");
		append(agency, nhs, AuditOutcome.DENY, "directive-deny", null);
		DecisionStatistics after = statistics.statistics(from, to, StatsBucket.HOUR);
		assertThat(after.timeline()).hasSize(24);
		long total = after.timeline().stream().mapToLong(DecisionStatistics.TimeBucket::total).sum()
				- before.timeline().stream().mapToLong(DecisionStatistics.TimeBucket::total).sum();
		assertThat(total).isEqualTo(2);
		int hour = (int) ChronoUnit.HOURS.between(from, breakGlass.recordedAt());
		assertThat(after.timeline().get(hour).byOutcome()).containsKey("permit");
		assertThat(after.byAgency()).filteredOn((c) -> agency.equals(c.key()))
			.singleElement()
			.satisfies((c) -> assertThat(c.total()).isEqualTo(2));
		assertThat(after.breakGlass().unreviewed() - before.breakGlass().unreviewed()).isEqualTo(1);
		assertThat(statistics.statistics(from, to, StatsBucket.DAY).timeline()).hasSize(1);

		BreakGlassReviews reviews = new BreakGlassReviews(this.jdbc);
		assertThat(reviews.find(breakGlass.sequence())).isPresent();
		assertThat(reviews.insert(breakGlass.sequence(), false, "no emergency", "ig-1", Instant.now())).isTrue();
		assertThat(reviews.insert(breakGlass.sequence(), true, null, "ig-2", Instant.now())).isFalse();
		assertThat(reviews.find(breakGlass.sequence()).orElseThrow().review().justified()).isFalse();
		DecisionStatistics reviewed = statistics.statistics(from, to, StatsBucket.HOUR);
		assertThat(reviewed.breakGlass().unjustified() - before.breakGlass().unjustified()).isEqualTo(1);
	}

	private AuditRecord append(String agency, NhsNumber nhs, AuditOutcome outcome, String reason, String breakGlass) {
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.DECISION, AuditActor.client(agency, "client"))
			.subject(nhs)
			.purpose("emergency-care")
			.category("summary")
			.outcome(outcome, reason);
		if (breakGlass != null) {
			event.breakGlass(breakGlass);
		}
		return this.audit.append(event.build());
	}

}
