package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every database must give {@link JdbcAuditLog} and {@link ChainVerifier}: one suite, run against
 * H2 ({@link AuditChainH2Tests}) and PostgreSQL ({@link AuditChainPostgresTests}).
 */
abstract class AuditChainContract {

	/** A second-precision clock would hide a precision loss, so the fixed instant has nanoseconds. */
	static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456789Z");

	private JdbcAuditLog log;

	private ChainVerifier verifier;

	/** The migrated database of node 1. */
	protected abstract DataSource dataSource();

	/** A new connection pool on the same database, as a second node would have; closed by the caller. */
	protected abstract DataSource secondNode();

	protected abstract void close(DataSource node);

	@BeforeEach
	void emptyTheLog() throws SQLException {
		AuditTestDatabases.resetChain(dataSource());
		this.log = new JdbcAuditLog(dataSource(), Clock.fixed(NOW, ZoneOffset.UTC));
		this.verifier = new ChainVerifier(dataSource());
	}

	@Test
	void appendWhenLogEmptyThenFirstRecordFollowsGenesis() {
		AuditRecord record = this.log.append(TestAuditEvents.decision().build());

		assertThat(record.sequence()).isEqualTo(1);
		assertThat(record.previousHash()).isEqualTo(AuditHashing.GENESIS_HASH);
		assertThat(record.hash()).isEqualTo(record.computeHash()).isNotEqualTo(AuditHashing.GENESIS_HASH);
		assertThat(record.recordedAt()).isEqualTo(Instant.parse("2026-11-25T10:15:30.123456Z"));
	}

	@Test
	void appendWhenCalledTwiceThenSecondChainsToFirst() {
		AuditRecord first = this.log.append(TestAuditEvents.decision().build());
		AuditRecord second = this.log.append(TestAuditEvents.breakGlass().build());

		assertThat(second.sequence()).isEqualTo(2);
		assertThat(second.previousHash()).isEqualTo(first.hash());
	}

	@Test
	void appendThenStoredRowReadsBackAsTheReturnedRecord() throws SQLException {
		AuditRecord appended = this.log.append(TestAuditEvents.breakGlass().detail("note", "ünïcödé \u0000 ok").build());

		AuditRecord stored = read(appended.sequence());

		assertThat(stored).isEqualTo(appended);
		assertThat(stored.hashMatches()).isTrue();
		assertThat(stored.obligations()).containsExactly("notify-subject", "review");
		assertThat(stored.details()).isEqualTo("{\"note\":\"ünïcödé \uFFFD ok\"}");
	}

	@Test
	void appendWhenManyThreadsOnTwoNodesThenOneLinearChain() throws Exception {
		DataSource node2 = secondNode();
		try {
			AuditLog[] nodes = { this.log, new JdbcAuditLog(node2, Clock.systemUTC()) };
			int threads = 6;
			int perThread = 20;
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			CountDownLatch start = new CountDownLatch(1);
			Set<String> requestIds = ConcurrentHashMap.newKeySet();
			List<Future<List<Long>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				AuditLog node = nodes[t % nodes.length];
				int thread = t;
				Callable<List<Long>> appender = () -> {
					start.await();
					List<Long> sequences = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						String requestId = "t" + thread + "-" + i;
						requestIds.add(requestId);
						sequences.add(node.append(TestAuditEvents.decision().requestId(requestId).build()).sequence());
					}
					return sequences;
				};
				results.add(pool.submit(appender));
			}
			start.countDown();
			Set<Long> sequences = new TreeSet<>();
			for (Future<List<Long>> result : results) {
				sequences.addAll(result.get(2, TimeUnit.MINUTES));
			}
			pool.shutdown();

			int total = threads * perThread;
			assertThat(sequences).containsExactlyElementsOf(
					LongStream.rangeClosed(1, total).boxed().collect(Collectors.toList()));
			assertThat(storedRequestIds()).isEqualTo(new TreeSet<>(requestIds)).hasSize(total);
			ChainVerification verification = this.verifier.verify();
			assertThat(verification.ok()).as(verification.summary()).isTrue();
			assertThat(verification.recordsChecked()).isEqualTo(total);
		}
		finally {
			close(node2);
		}
	}

	@Test
	void appendWhenChainHeadMissingThenThrowsAndStoresNothing() throws SQLException {
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_chain_head");

		assertThatExceptionOfType(AuditLogException.class)
			.isThrownBy(() -> this.log.append(TestAuditEvents.decision().build()))
			.withMessageContaining("audit_chain_head");
		assertThat(count()).isZero();
	}

	@Test
	void verifyWhenLogEmptyThenOkWithNoRecords() {
		ChainVerification verification = this.verifier.verify();

		assertThat(verification).isEqualTo(new ChainVerification(true, 0, 0, null));
	}

	@Test
	void verifyWhenIntactThenOkWithCount() {
		appendFive();

		ChainVerification verification = this.verifier.verify();

		assertThat(verification).isEqualTo(new ChainVerification(true, 5, 5, null));
		assertThat(verification.summary()).isEqualTo("audit chain intact: 5 records");
	}

	@Test
	void verifyWhenRowChangedThenChangedNamesRecord() throws SQLException {
		List<AuditRecord> records = appendFive();
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET decision = 'permit' WHERE seq = 3");

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		assertThat(verification.recordsChecked()).isEqualTo(2);
		ChainBreak found = verification.firstBreak();
		assertThat(found.sequence()).isEqualTo(3);
		assertThat(found.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
		assertThat(found.foundHash()).isEqualTo(records.get(2).hash());
		assertThat(found.expectedHash()).isEqualTo(read(3).computeHash()).isNotEqualTo(found.foundHash());
		assertThat(verification.summary()).contains("record #3", "CHANGED");
	}

	@ParameterizedTest
	@ValueSource(strings = { "recorded_at = recorded_at + INTERVAL '1' SECOND", "event_type = 'ADMIN_ACTION'",
			"actor_agency = 'X1'", "actor_client_id = 'other-app'", "actor_username = 'someone.else'",
			"on_behalf_of = 'x'", "subject_nhs_number = '9434765870'", "holder = 'X1'", "category = 'summary'",
			"purpose = 'research'", "actor_role = 'nurse'", "decision = 'permit'", "reason_code = 'implied-consent'",
			"obligations = 'review'", "break_glass = NOT break_glass", "break_glass_reason = 'x'",
			"directive_id = 'd9'", "explanation = 'x'", "request_id = 'req-x'", "correlation_id = 'corr-x'",
			"details = '{}'", "prev_hash = record_hash",
			"record_hash = 'ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff'" })
	void verifyWhenAnyColumnOfRecordChangedThenChangedNamesIt(String assignment) throws SQLException {
		appendFive();
		assertThat(AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET " + assignment + " WHERE seq = 3"))
			.isEqualTo(1);

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBreak().sequence()).isEqualTo(3);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.CHANGED);
	}

	@Test
	void verifyWhenRowDeletedThenDeletedNamesMissingRecord() throws SQLException {
		appendFive();
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_record WHERE seq = 2");

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		assertThat(verification.recordsChecked()).isEqualTo(1);
		assertThat(verification.firstBreak().sequence()).isEqualTo(2);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.DELETED);
		assertThat(verification.firstBreak().message()).contains("record #2 missing", "#3");
	}

	@Test
	void verifyWhenRowDeletedAndLaterOnesRenumberedThenChangedAtFirstMovedRecord() throws SQLException {
		// closing the gap keeps the numbers contiguous, but each moved record no longer hashes at its new number
		appendFive();
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_record WHERE seq = 2");
		for (int seq = 3; seq <= 5; seq++) {
			AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET seq = " + (seq - 1) + " WHERE seq = " + seq);
		}
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_chain_head SET last_seq = 4");

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.firstBreak().sequence()).isEqualTo(2);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.REORDERED);
		assertThat(verification.firstBreak().message()).contains("written as #3");
	}

	@Test
	void verifyWhenTwoRowsSwappedThenReorderedNamesFirst() throws SQLException {
		List<AuditRecord> records = appendFive();
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET seq = -1 WHERE seq = 3");
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET seq = 3 WHERE seq = 4");
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET seq = 4 WHERE seq = -1");

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		ChainBreak found = verification.firstBreak();
		assertThat(found.sequence()).isEqualTo(3);
		assertThat(found.kind()).isEqualTo(ChainBreak.Kind.REORDERED);
		assertThat(found.foundHash()).isEqualTo(records.get(3).hash());
		assertThat(found.message()).isEqualTo("record #3 holds the record written as #4");
	}

	@Test
	void verifyWhenNewestRecordsDeletedThenDeletedAtTail() throws SQLException {
		appendFive();
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_record WHERE seq >= 4");

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		assertThat(verification.recordsChecked()).isEqualTo(3);
		assertThat(verification.firstBreak().sequence()).isEqualTo(4);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.DELETED);
		assertThat(verification.firstBreak().message()).contains("#4 to #5");
	}

	@Test
	void verifyWhenRecordRewrittenAndRehashedThenChangedNamesIt() throws SQLException {
		List<AuditRecord> records = appendFive();
		rewriteExplanationAndRehash(2, "Nothing to see here.");

		ChainVerification verification = this.verifier.verify();

		ChainBreak found = verification.firstBreak();
		assertThat(found.sequence()).isEqualTo(2);
		assertThat(found.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
		assertThat(found.expectedHash()).isEqualTo(records.get(1).hash());
		assertThat(found.foundHash()).isEqualTo(read(2).hash());
	}

	@Test
	void verifyWhenNewestRecordRewrittenAndRehashedThenChangedAgainstHead() throws SQLException {
		List<AuditRecord> records = appendFive();
		rewriteExplanationAndRehash(5, "Nothing to see here.");

		ChainVerification verification = this.verifier.verify();

		ChainBreak found = verification.firstBreak();
		assertThat(found.sequence()).isEqualTo(5);
		assertThat(found.kind()).isEqualTo(ChainBreak.Kind.CHANGED);
		assertThat(found.expectedHash()).isEqualTo(records.get(4).hash());
	}

	@Test
	void verifyWhenRecordsAppendedAfterTamperingThenStillNamesFirstBreak() throws SQLException {
		appendFive();
		AuditTestDatabases.tamper(dataSource(), "UPDATE audit_record SET subject_nhs_number = NULL WHERE seq = 4");
		this.log.append(TestAuditEvents.decision().build());

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.headSequence()).isEqualTo(6);
		assertThat(verification.firstBreak().sequence()).isEqualTo(4);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.CHANGED);
	}

	private List<AuditRecord> appendFive() {
		List<AuditRecord> records = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			AuditEvent.Builder event = (i % 2 == 0) ? TestAuditEvents.breakGlass() : TestAuditEvents.decision();
			records.add(this.log.append(event.requestId("req-" + i).build()));
		}
		return records;
	}

	private void rewriteExplanationAndRehash(long seq, String explanation) throws SQLException {
		AuditRecord original = read(seq);
		AuditRecord forged = new AuditRecord(original.sequence(), original.recordedAt(), original.eventType(),
				original.actorAgency(), original.actorClientId(), original.actorUsername(), original.onBehalfOf(),
				original.subjectNhsNumber(), original.holder(), original.category(), original.purpose(),
				original.role(), original.decision(), original.reasonCode(), original.obligations(),
				original.breakGlass(), original.breakGlassReason(), original.directiveId(), explanation,
				original.requestId(), original.correlationId(), original.details(), original.previousHash(), null);
		String hash = forged.computeHash();
		try (Connection connection = dataSource().getConnection();
				PreparedStatement update = connection
					.prepareStatement("UPDATE audit_record SET explanation = ?, record_hash = ? WHERE seq = ?")) {
			update.setString(1, explanation);
			update.setString(2, hash);
			update.setLong(3, seq);
			assertThat(update.executeUpdate()).isEqualTo(1);
		}
	}

	private AuditRecord read(long seq) throws SQLException {
		try (Connection connection = dataSource().getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record WHERE seq = ?")) {
			select.setLong(1, seq);
			try (ResultSet rs = select.executeQuery()) {
				assertThat(rs.next()).as("record #%d exists", seq).isTrue();
				return AuditRecordRows.read(rs);
			}
		}
	}

	private long count() throws SQLException {
		try (Connection connection = dataSource().getConnection();
				PreparedStatement select = connection.prepareStatement("SELECT count(*) FROM audit_record");
				ResultSet rs = select.executeQuery()) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private Set<String> storedRequestIds() throws SQLException {
		Set<String> ids = new TreeSet<>();
		try (Connection connection = dataSource().getConnection();
				PreparedStatement select = connection.prepareStatement("SELECT request_id FROM audit_record");
				ResultSet rs = select.executeQuery()) {
			while (rs.next()) {
				ids.add(rs.getString(1));
			}
		}
		return ids;
	}

}
