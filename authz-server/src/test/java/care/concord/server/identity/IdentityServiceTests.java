package care.concord.server.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import care.concord.identity.matching.scoring.MatchModel;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditLogException;
import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The identity service's transactions on H2 without a Spring context: failing closed when
 * the audit log refuses, and serialised writers creating one person for two simultaneous
 * submissions of the same new person.
 */
class IdentityServiceTests {

	private static HikariDataSource dataSource;

	private static final AuditActor ACTOR = AuditActor.client("SVC1", "svc1-client");

	private JdbcTemplate jdbc;

	private final List<AuditEvent> audited = new CopyOnWriteArrayList<>();

	private volatile boolean auditFails;

	private IdentityService service;

	private IdentityReviewService reviews;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("identity"), "sa", 6, "identity");
		TestDatabases.migrate(dataSource);
		new JdbcTemplate(dataSource).update("INSERT INTO agency (code, name, org_type, enabled, created_at, "
				+ "updated_at) VALUES ('SVC1', 'Service test', 'gp', TRUE, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	@BeforeEach
	void service() {
		this.jdbc = new JdbcTemplate(dataSource);
		this.jdbc.update("DELETE FROM identity_blocking_key");
		this.jdbc.update("DELETE FROM identity_review");
		this.jdbc.update("DELETE FROM identity_record");
		this.jdbc.update("DELETE FROM identity_person");
		AuditLog audit = (event) -> {
			if (this.auditFails) {
				throw new AuditLogException("audit database unavailable");
			}
			this.audited.add(event);
			return null;
		};
		LinkageEngine engine = LinkageEngine.of(MatchModel.loadDefault(),
				new IdentityProperties(null, null, null, 1000, 5000, 100));
		TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		Clock clock = Clock.fixed(Instant.parse("2026-11-26T01:00:00Z"), ZoneOffset.UTC);
		this.service = new IdentityService(new JdbcIdentityStore(this.jdbc), engine, audit, transactions, clock);
		this.reviews = new IdentityReviewService(new JdbcIdentityStore(this.jdbc), engine, audit, transactions, clock);
	}

	private static LocalRecord record(String localId, String nhs) {
		return new RecordSubmission(localId, nhs, "Ann", "Oakes", "1970-01-31", null, "LS1 4AP", null, "12",
				"Harewood Road", null, null)
			.toLocalRecord("SVC1", LocalDate.of(2026, 11, 26));
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM " + table, Integer.class);
	}

	@Test
	void submitWhenAuditFailsThenNothingStored() {
		this.auditFails = true;

		assertThatExceptionOfType(AuditLogException.class)
			.isThrownBy(() -> this.service.submit(ACTOR, record("A1", "9434765919")));

		assertThat(count("identity_record")).isZero();
		assertThat(count("identity_person")).isZero();
		assertThat(count("identity_blocking_key")).isZero();
	}

	@Test
	void submitWhenLinkedThenAuditedWithoutDemographics() {
		IdentityService.Submission submission = this.service.submit(ACTOR, record("A1", "9434765919"));

		assertThat(this.audited).hasSize(1);
		AuditEvent event = this.audited.get(0);
		assertThat(event.subject().value()).isEqualTo("9434765919");
		assertThat(event.reasonCode()).isEqualTo("record-linked");
		assertThat(event.details()).containsEntry("person_id", submission.record().personId().toString())
			.containsEntry("method", "new-person");
		assertThat(event.details().toString() + event.explanation()).doesNotContainIgnoringCase("oakes");
	}

	@Test
	void submitWhenResubmittedUnchangedThenNothingWrittenButAudited() {
		IdentityService.Submission first = this.service.submit(ACTOR, record("A1", null));
		Instant updated = first.record().updatedAt();

		IdentityService.Submission again = this.service.submit(ACTOR, record("A1", null));

		assertThat(again.created()).isFalse();
		assertThat(again.changed()).isFalse();
		assertThat(again.record().personId()).isEqualTo(first.record().personId());
		assertThat(again.record().updatedAt()).isEqualTo(updated);
		assertThat(this.audited).extracting(AuditEvent::reasonCode)
			.containsExactly("record-linked", "record-resubmitted");
	}

	@Test
	void acceptWhenAuditFailsThenReviewStaysPending() {
		this.service.submit(ACTOR, record("A1", "9434765919"));
		LocalRecord stranger = new RecordSubmission("A2", "9434765919", "Bartholomew", "Quist", "1999-07-04", null,
				null, null, null, null, null, null)
			.toLocalRecord("SVC1", LocalDate.of(2026, 11, 26));
		UUID reviewId = this.service.submit(ACTOR, stranger).record().reviewId();
		this.auditFails = true;

		assertThatExceptionOfType(AuditLogException.class)
			.isThrownBy(() -> this.reviews.accept(AuditActor.user("officer"), reviewId, null, "same person"));

		assertThat(this.jdbc.queryForObject("SELECT status FROM identity_review WHERE review_id = ?", String.class,
				reviewId.toString()))
			.isEqualTo("pending");
		assertThat(this.jdbc.queryForObject("SELECT method FROM identity_record WHERE local_id = 'A2'", String.class))
			.isEqualTo("review");
	}

	@Test
	void submitWhenSameNewPersonSubmittedConcurrentlyThenOnePerson() throws Exception {
		int writers = 4;
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<IdentityService.Submission>> results = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				String localId = "C" + i;
				Callable<IdentityService.Submission> submit = () -> {
					start.await();
					return this.service.submit(ACTOR, record(localId, null));
				};
				results.add(pool.submit(submit));
			}
			start.countDown();
			List<String> methods = new ArrayList<>();
			for (Future<IdentityService.Submission> result : results) {
				methods.add(result.get(30, TimeUnit.SECONDS).record().method().code());
			}

			assertThat(count("identity_person")).isEqualTo(1);
			assertThat(methods).containsOnlyOnce("new-person").contains("demographic-match");
		}
		finally {
			pool.shutdownNow();
		}
	}

}
