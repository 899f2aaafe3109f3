package care.concord.server.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.MutableClock;
import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link AuditSearch} on H2: filters, newest-first paging, the citizen view and
 * streamed export.
 */
class AuditSearchTests {

	private static final Instant START = Instant.parse("2026-11-25T09:00:00Z");

	private static HikariDataSource dataSource;

	private final MutableClock clock = MutableClock.stepping(START, Duration.ofMinutes(1));

	private JdbcAuditLog log;

	private AuditSearch search;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url(AuditTestDatabases.FEATURE), "sa", 2,
				AuditTestDatabases.FEATURE);
		TestDatabases.migrate(dataSource);
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	@BeforeEach
	void appendSix() throws SQLException {
		AuditTestDatabases.resetChain(dataSource);
		this.log = new JdbcAuditLog(dataSource, this.clock);
		this.search = new AuditSearch(dataSource);
		// one record a minute from 09:00: 1 and 3 deny about SUBJECT, 2 and 4 break glass
		// about OTHER_SUBJECT,
		// 5 an invalid request from another agency, 6 a consent change by the citizen
		this.log.append(TestAuditEvents.decision().build());
		this.log.append(TestAuditEvents.breakGlass().build());
		this.log.append(TestAuditEvents.decision().build());
		this.log.append(TestAuditEvents.breakGlass().build());
		this.log.append(AuditEvent.builder(AuditEventType.INVALID_REQUEST, AuditActor.client("RRP", "trust-app"))
			.error("invalid-request")
			.explanation("request.category: unknown data category 'x'")
			.build());
		this.log.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user("citizen-1"))
			.subject(TestAuditEvents.SUBJECT)
			.directive("d2")
			.permit("directive-created")
			.build());
	}

	@Test
	void searchWhenNoFiltersThenNewestFirstWithTotals() {
		AuditPage page = this.search.search(AuditQuery.ALL, 0, 4);

		assertThat(page.records()).extracting(AuditRecord::sequence).containsExactly(6L, 5L, 4L, 3L);
		assertThat(page.totalRecords()).isEqualTo(6);
		assertThat(page.totalPages()).isEqualTo(2);
		assertThat(this.search.search(AuditQuery.ALL, 1, 4).records()).extracting(AuditRecord::sequence)
			.containsExactly(2L, 1L);
	}

	@Test
	void searchWhenSubjectGivenThenOnlyThatPersonsRecords() {
		AuditPage page = this.search.search(AuditQuery.aboutSubject(TestAuditEvents.OTHER_SUBJECT), 0, 10);

		assertThat(page.records()).extracting(AuditRecord::sequence).containsExactly(4L, 2L);
	}

	@Test
	void searchWhenEachFilterGivenThenOnlyMatchingRecords() {
		assertThat(sequences(query(null, "RRP", null, null, null, null, null, null, null))).containsExactly(5L);
		assertThat(sequences(query(null, null, "A81001", null, null, null, null, null, null))).containsExactly(4L, 2L);
		assertThat(sequences(query(null, null, null, null, null, AuditOutcome.DENY, null, null, null)))
			.containsExactly(3L, 1L);
		assertThat(sequences(query(null, null, null, null, null, null, "break-glass", null, null))).containsExactly(4L,
				2L);
		assertThat(sequences(query(null, null, null, null, null, null, null, true, null))).containsExactly(4L, 2L);
		assertThat(sequences(query(null, null, null, null, null, null, null, false, null))).containsExactly(6L, 5L, 3L,
				1L);
		assertThat(sequences(query(null, null, null, null, null, null, null, null, AuditEventType.CONSENT_CHANGE)))
			.containsExactly(6L);
	}

	@Test
	void searchWhenTimeRangeGivenThenFromInclusiveToExclusive() {
		Instant from = START.plus(Duration.ofMinutes(1));
		Instant to = START.plus(Duration.ofMinutes(3));

		assertThat(sequences(query(null, null, null, from, to, null, null, null, null))).containsExactly(3L, 2L);
	}

	@Test
	void searchWhenFiltersCombinedThenAllMustMatch() {
		assertThat(sequences(query(TestAuditEvents.SUBJECT, "A81001", null, null, null, AuditOutcome.DENY, null, null,
				AuditEventType.DECISION)))
			.containsExactly(3L, 1L);
		assertThat(sequences(query(TestAuditEvents.SUBJECT, "RX9", null, null, null, null, null, null, null)))
			.isEmpty();
	}

	@Test
	void searchWhenSizeAboveMaximumThenCapped() {
		for (int i = 0; i < AuditSearch.MAX_PAGE_SIZE; i++) {
			this.log.append(TestAuditEvents.decision().build());
		}

		AuditPage page = this.search.search(AuditQuery.ALL, 0, 10_000);

		assertThat(page.size()).isEqualTo(AuditSearch.MAX_PAGE_SIZE);
		assertThat(page.records()).hasSize(AuditSearch.MAX_PAGE_SIZE);
		assertThat(page.totalRecords()).isEqualTo(AuditSearch.MAX_PAGE_SIZE + 6);
		assertThat(page.totalPages()).isEqualTo(2);
	}

	@Test
	void searchWhenPageNegativeOrSizeZeroThenThrows() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.search.search(AuditQuery.ALL, -1, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> this.search.search(AuditQuery.ALL, 0, 0));
	}

	@Test
	void forSubjectThenThatPersonsRecordsNewestFirstPaged() {
		AuditPage first = this.search.forSubject(TestAuditEvents.SUBJECT, 0, 2);
		AuditPage second = this.search.forSubject(TestAuditEvents.SUBJECT, 1, 2);

		assertThat(first.records()).extracting(AuditRecord::sequence).containsExactly(6L, 3L);
		assertThat(second.records()).extracting(AuditRecord::sequence).containsExactly(1L);
		assertThat(first.totalRecords()).isEqualTo(3);
	}

	@Test
	void findWhenSequenceExistsThenRecordElseEmpty() {
		assertThat(this.search.find(5)).hasValueSatisfying((record) -> {
			assertThat(record.eventType()).isEqualTo("INVALID_REQUEST");
			assertThat(record.hashMatches()).isTrue();
		});
		assertThat(this.search.find(99)).isEmpty();
	}

	@Test
	void exportWhenFilteredThenMatchingRecordsOldestFirst() {
		List<Long> exported = new ArrayList<>();

		long count = this.search.export(query(null, null, null, null, null, AuditOutcome.PERMIT, null, null, null),
				(record) -> exported.add(record.sequence()));

		assertThat(exported).containsExactly(2L, 4L, 6L);
		assertThat(count).isEqualTo(3);
	}

	private List<Long> sequences(AuditQuery query) {
		return this.search.search(query, 0, 50).records().stream().map(AuditRecord::sequence).toList();
	}

	private static AuditQuery query(NhsNumber subject, String agency, String holder, Instant from, Instant to,
			AuditOutcome decision, String reason, Boolean breakGlass, AuditEventType eventType) {
		return new AuditQuery(subject, agency, holder, from, to, decision, reason, breakGlass, eventType);
	}

}
