package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every database must give {@link JdbcAuditLog} and {@link ChainVerifier}:
 * one suite, run against H2 ({@link AuditChainH2Tests}) and PostgreSQL
 * ({@link AuditChainPostgresTests}).
 */
abstract class AuditChainContract {

	/**
	 * A second-precision clock would hide a precision loss, so the fixed instant has
	 * nanoseconds.
	 */
	static final Instant NOW = Instant.parse("2026-11-25T10:15:30.123456789Z");

	private JdbcAuditLog log;

	private ChainVerifier verifier;

	/** The migrated database of node 1. */
	protected abstract DataSource dataSource();

	/**
	 * A new connection pool on the same database, as a second node would have; closed by
	 * the caller.
	 */
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
		AuditRecord appended = this.log
			.append(TestAuditEvents.breakGlass().detail("note", "ünïcödé \u0000 ok").build());

		AuditRecord stored = read(appended.sequence());

		assertThat(stored).isEqualTo(appended);
		assertThat(stored.hashMatches()).isTrue();
		assertThat(stored.obligations()).containsExactly("notify-subject", "review");
		assertThat(stored.details()).isEqualTo("{\"note\":\"ünïcödé \uFFFD ok\"}");
	}

	@Test
	void appendWhenManyThreadsThenOneUnbrokenChainOfTheReturnedRecords() throws Exception {
		List<AuditRecord> appended = appendConcurrently(new AuditLog[] { this.log }, 16, 200);

		assertOneChainOf(appended, 16 * 200);
	}

	@Test
	void appendWhenManyThreadsOnTwoNodesThenOneLinearChain() throws Exception {
		DataSource node2 = secondNode();
		try {
			AuditLog[] nodes = { this.log, new JdbcAuditLog(node2, Clock.systemUTC()) };

			List<AuditRecord> appended = appendConcurrently(nodes, 8, 50);

			assertOneChainOf(appended, 8 * 50);
		}
		finally {
			close(node2);
		}
	}

	@Test
	void appendWhenCallersQueueBehindTheWriterThenOneTransactionWritesThemAllInQueueOrder() throws Exception {
		withGatedLog((controlled, gated, pool) -> {
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");
			List<Future<AuditRecord>> waiters = queueBehind(gated, pool, "req-w1", "req-w2", "req-w3", "req-w4",
					"req-w5");
			controlled.release();

			AuditRecord first = writer.get(1, TimeUnit.MINUTES);
			assertThat(first.sequence()).isEqualTo(1);
			List<AuditRecord> appended = new ArrayList<>(List.of(first));
			for (int i = 0; i < waiters.size(); i++) {
				AuditRecord record = waiters.get(i).get(1, TimeUnit.MINUTES);
				assertThat(record.sequence()).as("queue order").isEqualTo(i + 2);
				assertThat(record.requestId()).isEqualTo("req-w" + (i + 1));
				appended.add(record);
			}
			assertThat(controlled.connections()).as("the writer's batch, then one batch of all five waiters")
				.isEqualTo(2);
			assertThat(controlled.commits()).isEqualTo(2);
			assertOneChainOf(appended, 6);
		});
	}

	@Test
	void appendWhenCommitOfABatchFailsThenNoneOfItIsStoredEveryCallerFailsAndTheChainGoesOn() throws Exception {
		withGatedLog((controlled, gated, pool) -> {
			// commit 1: the writer's own batch; commit 2: the batch of the four callers
			// queued behind it
			controlled.refuseCommit(2);
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");
			List<Future<AuditRecord>> waiters = queueBehind(gated, pool, "req-f1", "req-f2", "req-f3", "req-f4");
			controlled.release();

			AuditRecord first = writer.get(1, TimeUnit.MINUTES);
			for (Future<AuditRecord> waiter : waiters) {
				assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> waiter.get(1, TimeUnit.MINUTES))
					.havingCause()
					.isInstanceOf(AuditLogException.class)
					.withMessageContaining("batch of 4")
					.withRootCauseInstanceOf(SQLException.class);
			}
			assertThat(controlled.commits()).isEqualTo(2);
			assertThat(storedRequestIds()).containsExactly("req-writer");

			AuditRecord next = gated.append(TestAuditEvents.decision().requestId("req-next").build());

			assertThat(next.sequence()).isEqualTo(2);
			assertThat(next.previousHash()).isEqualTo(first.hash());
			assertOneChainOf(List.of(first, next), 2);
		});
	}

	@Test
	void appendWhenDatabaseRefusesOneEventOfABatchThenOnlyItsCallerFails() throws Exception {
		withGatedLog((controlled, gated, pool) -> {
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");
			Future<AuditRecord> before = queueBehind(gated, pool, "req-before").get(0);
			// accepted by AuditEvent, but longer joined than the obligations column
			// (varchar(500)) holds
			Future<AuditRecord> refused = pool.submit(() -> gated.append(TestAuditEvents.decision()
				.requestId("req-refused")
				.obligations(IntStream.range(0, 9).mapToObj((i) -> "o" + i + "-".repeat(60)).toList())
				.build()));
			awaitQueued(gated, 2);
			Future<AuditRecord> after = queueBehind(gated, pool, "req-after").get(0);
			controlled.release();

			AuditRecord first = writer.get(1, TimeUnit.MINUTES);
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> refused.get(1, TimeUnit.MINUTES))
				.havingCause()
				.isInstanceOf(AuditLogException.class)
				.withRootCauseInstanceOf(SQLException.class);
			AuditRecord second = before.get(1, TimeUnit.MINUTES);
			AuditRecord third = after.get(1, TimeUnit.MINUTES);
			assertThat(List.of(first, second, third)).extracting(AuditRecord::sequence).containsExactly(1L, 2L, 3L);
			assertThat(controlled.connections())
				.as("the writer's batch, the batch of three that was rolled back, then each of the three alone")
				.isEqualTo(5);
			assertThat(storedRequestIds()).containsExactlyInAnyOrder("req-writer", "req-before", "req-after");
			assertOneChainOf(List.of(first, second, third), 3);
		});
	}

	@Test
	void appendWhenWriterStuckPastTheWaitTimeOutThenWaiterFailsAndItsEventIsNeverWritten() throws Exception {
		withGatedLog(Duration.ofMillis(200), (controlled, gated, pool) -> {
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");

			assertThatExceptionOfType(AuditLogException.class)
				.isThrownBy(() -> gated.append(TestAuditEvents.decision().requestId("req-late").build()))
				.withMessageContaining("not written within PT0.2S");

			controlled.release();
			assertThat(writer.get(1, TimeUnit.MINUTES).sequence()).isEqualTo(1);
			assertThat(gated.append(TestAuditEvents.decision().requestId("req-next").build()).sequence()).isEqualTo(2);
			assertThat(storedRequestIds()).containsExactlyInAnyOrder("req-writer", "req-next");
			assertThat(this.verifier.verify().ok()).isTrue();
		});
	}

	@Test
	void appendWhenWaiterInterruptedThenFailsWithItsInterruptFlagSetAndItsEventIsNeverWritten() throws Exception {
		withGatedLog((controlled, gated, pool) -> {
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");
			Future<AuditRecord> before = queueBehind(gated, pool, "req-before").get(0);
			AtomicReference<Throwable> thrown = new AtomicReference<>();
			AtomicBoolean interruptFlag = new AtomicBoolean();
			Thread waiter = new Thread(() -> {
				try {
					gated.append(TestAuditEvents.decision().requestId("req-interrupted").build());
				}
				catch (Throwable ex) {
					thrown.set(ex);
				}
				interruptFlag.set(Thread.currentThread().isInterrupted());
			});
			waiter.start();
			awaitQueued(gated, 2);

			waiter.interrupt();
			waiter.join(TimeUnit.MINUTES.toMillis(1));

			assertThat(waiter.isAlive()).isFalse();
			assertThat(thrown.get()).isInstanceOf(AuditLogException.class).hasMessageContaining("interrupted");
			assertThat(interruptFlag).isTrue();
			controlled.release();
			assertThat(writer.get(1, TimeUnit.MINUTES).sequence()).isEqualTo(1);
			// the next writer takes the event queued before the interrupted one and drops
			// the abandoned one
			assertThat(before.get(1, TimeUnit.MINUTES).sequence()).isEqualTo(2);
			assertThat(storedRequestIds()).containsExactlyInAnyOrder("req-writer", "req-before");
		});
	}

	@Test
	void closeWhenCallersQueuedThenFailsThemLetsTheWriterFinishAndRefusesLaterAppends() throws Exception {
		withGatedLog((controlled, gated, pool) -> {
			Future<AuditRecord> writer = holdWriter(controlled, gated, pool, "req-writer");
			Future<AuditRecord> waiter = queueBehind(gated, pool, "req-queued").get(0);

			Future<Object> closing = pool.submit(() -> {
				gated.close();
				return null;
			});

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> waiter.get(1, TimeUnit.MINUTES))
				.havingCause()
				.isInstanceOf(AuditLogException.class)
				.withMessageContaining("closed");
			controlled.release();
			assertThat(writer.get(1, TimeUnit.MINUTES).sequence()).isEqualTo(1);
			closing.get(1, TimeUnit.MINUTES);
			assertThatExceptionOfType(AuditLogException.class)
				.isThrownBy(() -> gated.append(TestAuditEvents.decision().build()))
				.withMessageContaining("closed");
			assertThat(storedRequestIds()).containsExactly("req-writer");
		});
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
		// closing the gap keeps the numbers contiguous, but each moved record no longer
		// hashes at its new number
		appendFive();
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_record WHERE seq = 2");
		for (int seq = 3; seq <= 5; seq++) {
			AuditTestDatabases.tamper(dataSource(),
					"UPDATE audit_record SET seq = " + (seq - 1) + " WHERE seq = " + seq);
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
	void verifyWhenTailAndHeadTruncatedThenIntactWithoutCheckpointButTruncatedWithOne() throws Exception {
		List<AuditRecord> five = appendFive();
		AuditCheckpoints checkpoints = checkpoints();
		assertThat(checkpoints.checkpoint().sequence()).isEqualTo(5);
		truncateTo(five.get(2));

		ChainVerification verification = this.verifier.verify();

		assertThat(verification.ok()).isFalse();
		assertThat(verification.recordsChecked()).isEqualTo(3);
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
		assertThat(verification.firstBreak().sequence()).isEqualTo(4);
		assertThat(verification.firstBreak().message()).contains("once reached record #5", "#4 to #5");
		// the hash chain alone cannot tell: without the checkpoint the truncated log
		// verifies as intact
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_checkpoint");
		assertThat(this.verifier.verify().ok()).isTrue();
	}

	@Test
	void verifyWhenCheckpointPresentedBeyondTheChainThenTruncatedEvenWithStoredCheckpointsDeleted() throws Exception {
		List<AuditRecord> five = appendFive();
		AuditCheckpoints checkpoints = checkpoints();
		String token = checkpoints.checkpoint().token();
		truncateTo(five.get(2));
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_checkpoint");

		ChainVerification verification = this.verifier.verify(checkpoints.parse(token));

		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
		assertThat(verification.recordsChecked()).isEqualTo(3);
	}

	@Test
	void verifyWhenTailReplacedByOtherRecordsThenChangedAgainstACheckpointTheClientHolds() throws Exception {
		List<AuditRecord> five = appendFive();
		String held = signedBy(KEY, five.get(4));
		truncateTo(five.get(2));
		// a forger appends other records at the same numbers; with no stored checkpoint
		// the chain alone is intact
		this.log.append(TestAuditEvents.decision().requestId("forged-4").build());
		this.log.append(TestAuditEvents.decision().requestId("forged-5").build());
		assertThat(this.verifier.verify().ok()).isTrue();

		ChainVerification verification = this.verifier.verify(checkpoints().parse(held));

		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.CHANGED);
		assertThat(verification.firstBreak().sequence()).isEqualTo(5);
		assertThat(verification.firstBreak().expectedHash()).isEqualTo(five.get(4).hash());
	}

	@Test
	void appendWhenHeadBehindTheNewestCheckpointThenNumbersGoOnAfterItAndAreNeverReused() throws Exception {
		List<AuditRecord> five = appendFive();
		checkpoints().checkpoint();
		truncateTo(five.get(2));

		AuditRecord next = this.log.append(TestAuditEvents.decision().build());

		assertThat(next.sequence()).isEqualTo(6);
		assertThat(next.previousHash()).isEqualTo(five.get(4).hash());
		ChainVerification verification = this.verifier.verify();
		assertThat(verification.ok()).isFalse();
		assertThat(verification.firstBreak().kind()).isEqualTo(ChainBreak.Kind.DELETED);
		assertThat(verification.firstBreak().message()).contains("#4 to #5");
	}

	@Test
	void checkpointWhenHeadUnchangedThenNoNewCheckpointAndWhenMovedThenOfTheNewHead() throws Exception {
		AuditCheckpoints checkpoints = checkpoints();
		assertThat(checkpoints.checkpoint()).isNull();
		List<AuditRecord> five = appendFive();
		AuditCheckpoint first = checkpoints.checkpoint();
		AuditCheckpoint again = checkpoints().checkpoint();
		this.log.append(TestAuditEvents.decision().build());
		AuditCheckpoint moved = checkpoints.checkpoint();

		assertThat(first.sequence()).isEqualTo(5);
		assertThat(first.hash()).isEqualTo(five.get(4).hash());
		assertThat(again).isEqualTo(first);
		assertThat(moved.sequence()).isEqualTo(6);
		assertThat(checkpoints.latest()).isEqualTo(moved);
		assertThat(checkpoints.parse(moved.token())).isEqualTo(moved);
	}

	@Test
	void parseWhenSignedByAnotherKeyOrNotACheckpointThenRefused() throws Exception {
		appendFive();
		String foreign = new AuditCheckpoints(dataSource(), encoder(newKey()), () -> "RS256", keys(KEY), null,
				Clock.systemUTC())
			.checkpoint()
			.token();
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_checkpoint");
		String plainJwt = encoder(KEY).encode(JwtEncoderParameters.from(JwtClaimsSet.builder()
			.claim(AuditCheckpoints.SEQUENCE_CLAIM, 5)
			.claim(AuditCheckpoints.HASH_CLAIM, AuditHashing.GENESIS_HASH)
			.issuedAt(Instant.now())
			.build())).getTokenValue();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> checkpoints().parse(foreign));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> checkpoints().parse(plainJwt));
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> checkpoints().parse("x.y.z"));
	}

	private static final RSAKey KEY = newKey();

	private static RSAKey newKey() {
		try {
			return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString())
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static JwtEncoder encoder(RSAKey key) {
		return new NimbusJwtEncoder(keys(key));
	}

	private static JWKSource<SecurityContext> keys(RSAKey key) {
		return new ImmutableJWKSet<>(new JWKSet(key));
	}

	private AuditCheckpoints checkpoints() {
		return new AuditCheckpoints(dataSource(), encoder(KEY), () -> "RS256", keys(KEY), null, Clock.systemUTC());
	}

	/** A checkpoint of the given record, as a client would have kept it. */
	private static String signedBy(RSAKey key, AuditRecord record) {
		return encoder(key).encode(
				JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type(AuditCheckpoint.TYPE).build(),
						JwtClaimsSet.builder()
							.claim(AuditCheckpoints.SEQUENCE_CLAIM, record.sequence())
							.claim(AuditCheckpoints.HASH_CLAIM, record.hash())
							.issuedAt(Instant.now())
							.build()))
			.getTokenValue();
	}

	/**
	 * Deletes the records after the given one and moves the head back to it, as a lost
	 * tail would leave it.
	 */
	private void truncateTo(AuditRecord last) throws SQLException {
		AuditTestDatabases.tamper(dataSource(), "DELETE FROM audit_record WHERE seq > " + last.sequence());
		AuditTestDatabases.tamper(dataSource(),
				"UPDATE audit_chain_head SET last_seq = " + last.sequence() + ", last_hash = '" + last.hash() + "'");
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

	/**
	 * Appends from {@code threads} threads at once, {@code perThread} each, spread over
	 * the nodes.
	 */
	private static List<AuditRecord> appendConcurrently(AuditLog[] nodes, int threads, int perThread) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<List<AuditRecord>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				AuditLog node = nodes[t % nodes.length];
				int thread = t;
				Callable<List<AuditRecord>> appender = () -> {
					start.await();
					List<AuditRecord> records = new ArrayList<>();
					for (int i = 0; i < perThread; i++) {
						AuditEvent.Builder event = (i % 2 == 0) ? TestAuditEvents.decision()
								: TestAuditEvents.breakGlass();
						records.add(node.append(event.requestId("t" + thread + "-" + i).build()));
					}
					return records;
				};
				results.add(pool.submit(appender));
			}
			start.countDown();
			List<AuditRecord> appended = new ArrayList<>();
			for (Future<List<AuditRecord>> result : results) {
				List<AuditRecord> records = result.get(5, TimeUnit.MINUTES);
				// an append returns after its commit, so a thread's later append is later
				// in the chain
				assertThat(records).extracting(AuditRecord::sequence).isSorted();
				appended.addAll(records);
			}
			return appended;
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * A scenario on a log whose connections the test holds and releases (see
	 * {@link ControlledDataSource}).
	 */
	@FunctionalInterface
	interface GatedScenario {

		void run(ControlledDataSource controlled, JdbcAuditLog gated, ExecutorService pool) throws Exception;

	}

	void withGatedLog(GatedScenario scenario) throws Exception {
		withGatedLog(JdbcAuditLog.DEFAULT_WAIT_TIMEOUT, scenario);
	}

	void withGatedLog(Duration waitTimeout, GatedScenario scenario) throws Exception {
		ControlledDataSource controlled = new ControlledDataSource(dataSource());
		JdbcAuditLog gated = new JdbcAuditLog(controlled, Clock.fixed(NOW, ZoneOffset.UTC),
				JdbcAuditLog.DEFAULT_MAX_BATCH, waitTimeout);
		ExecutorService pool = Executors.newCachedThreadPool();
		try {
			scenario.run(controlled, gated, pool);
		}
		finally {
			pool.shutdownNow();
		}
	}

	/**
	 * Asserts that the records returned by the appends are exactly the {@code total}
	 * stored ones, 1 to total, as stored, and that the chain verifies.
	 */
	private void assertOneChainOf(List<AuditRecord> appended, int total) throws SQLException {
		Map<Long, AuditRecord> stored = readAll();
		assertThat(appended).extracting(AuditRecord::sequence)
			.containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
		assertThat(stored.keySet()).containsExactlyElementsOf(LongStream.rangeClosed(1, total).boxed().toList());
		for (AuditRecord record : appended) {
			assertThat(record).isEqualTo(stored.get(record.sequence()));
			assertThat(record.hashMatches()).isTrue();
		}
		ChainVerification verification = this.verifier.verify();
		assertThat(verification.ok()).as(verification.summary()).isTrue();
		assertThat(verification.recordsChecked()).isEqualTo(total);
		assertThat(verification.headSequence()).isEqualTo(total);
	}

	/**
	 * Starts an append that becomes the writer and waits, holding no connection, until
	 * the test releases it.
	 */
	private static Future<AuditRecord> holdWriter(ControlledDataSource controlled, JdbcAuditLog log,
			ExecutorService pool, String requestId) throws InterruptedException {
		CountDownLatch held = controlled.holdNextConnection();
		Future<AuditRecord> writer = pool
			.submit(() -> log.append(TestAuditEvents.decision().requestId(requestId).build()));
		assertThat(held.await(1, TimeUnit.MINUTES)).as("the writer asked for its connection").isTrue();
		return writer;
	}

	/**
	 * Starts one append per request id, each queued (behind a held writer) before the
	 * next starts.
	 */
	private static List<Future<AuditRecord>> queueBehind(JdbcAuditLog log, ExecutorService pool, String... requestIds) {
		List<Future<AuditRecord>> waiters = new ArrayList<>();
		int queuedBefore = log.queued();
		for (String requestId : requestIds) {
			waiters.add(pool.submit(() -> log.append(TestAuditEvents.breakGlass().requestId(requestId).build())));
			awaitQueued(log, queuedBefore + waiters.size());
		}
		return waiters;
	}

	/**
	 * Waits until {@code count} events are queued; polls, since the log has no hook for
	 * its queue.
	 */
	private static void awaitQueued(JdbcAuditLog log, int count) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
		while (log.queued() < count) {
			assertThat(System.nanoTime() - deadline).as("%d events queued", count).isNegative();
			Thread.onSpinWait();
			Thread.yield();
		}
		assertThat(log.queued()).isEqualTo(count);
	}

	private Map<Long, AuditRecord> readAll() throws SQLException {
		Map<Long, AuditRecord> records = new TreeMap<>();
		try (Connection connection = dataSource().getConnection();
				PreparedStatement select = connection
					.prepareStatement("SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record ORDER BY seq");
				ResultSet rs = select.executeQuery()) {
			while (rs.next()) {
				AuditRecord record = AuditRecordRows.read(rs);
				records.put(record.sequence(), record);
			}
		}
		return records;
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
