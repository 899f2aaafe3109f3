package care.concord.server.audit;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import care.concord.server.audit.GroupCommit.Outcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Writes batches of audit events as the next records of the chain in the
 * {@code audit_record} table: one transaction per batch, serialised across threads and
 * nodes by the row lock on {@code audit_chain_head}.
 *
 * <pre>
 * BEGIN
 * SELECT last_seq, last_hash FROM audit_chain_head ... FOR UPDATE      (once)
 * SELECT the newest signed checkpoint's seq and hash                    (once; see below)
 * chain e1, e2, e3 as #n+1, #n+2, #n+3
 * INSERT x 3 (one executeBatch)
 * UPDATE audit_chain_head ... WHERE last_seq = n                        (once)
 * COMMIT, or ROLLBACK of the whole batch
 * </pre>
 *
 * <ul>
 * <li>Records get consecutive sequence numbers in batch order; the records of a batch
 * share one time (the clock read once per batch after the head is locked, truncated to
 * microseconds).</li>
 * <li>A batch commits or rolls back as a whole: never a half-written batch, a gap or a
 * fork. Lock time-outs, deadlocks and serialisation failures retry the whole batch
 * (re-chained on the head as it then is) up to five times; any other failure fails every
 * event of the batch.</li>
 * <li>When the database refuses a value of a batch of several events (SQL state class 22
 * or 23, e.g. a value too long for its column), the rolled-back batch is written again
 * one event per transaction, in the same order, so that the one event the database
 * refuses fails alone.</li>
 * <li><strong>Sequence numbers are never reused.</strong> When the chain head is behind
 * the newest signed checkpoint ({@link AuditCheckpoints}), records the log once held were
 * lost (a truncated tail, a restored backup): the chain goes on after the checkpoint
 * (numbers from its sequence number + 1, chained to its hash), so a number given to a
 * client is never given to another record, and the verifier reports the missing
 * range.</li>
 * </ul>
 */
final class AuditChainWriter implements GroupCommit.BatchWriter<AuditChainWriter.Entry, AuditRecord> {

	private static final Log logger = LogFactory.getLog(AuditChainWriter.class);

	/**
	 * Lock time-outs, deadlocks and serialisation failures: the batch is safe to try
	 * again.
	 */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

	private static final int MAX_ATTEMPTS = 5;

	private static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";

	private static final String MOVE_HEAD = "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? "
			+ "WHERE id = 1 AND last_seq = ?";

	static final String NOT_WRITTEN = "audit record could not be written";

	private final DataSource dataSource;

	private final Clock clock;

	/** An event and its details as JSON, validated in the caller's thread. */
	record Entry(AuditEvent event, String details) {
	}

	AuditChainWriter(DataSource dataSource, Clock clock) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	@Override
	public List<Outcome<AuditRecord>> write(List<Entry> batch) {
		try {
			return writeWithRetries(batch).stream().map(Outcome::of).toList();
		}
		catch (SQLException ex) {
			if (batch.size() > 1 && isRefusedValue(ex)) {
				// Rolled back as a whole; write the events one by one so that only the
				// refused one fails.
				List<Outcome<AuditRecord>> outcomes = new ArrayList<>(batch.size());
				for (Entry entry : batch) {
					outcomes.addAll(write(List.of(entry)));
				}
				return outcomes;
			}
			return failed(batch, describe(NOT_WRITTEN, batch), ex);
		}
		catch (AuditLogException ex) {
			return failed(batch, describe(ex.getMessage(), batch), (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (RuntimeException ex) {
			return failed(batch, describe(NOT_WRITTEN, batch), ex);
		}
	}

	private static List<Outcome<AuditRecord>> failed(List<Entry> batch, String message, Throwable cause) {
		return batch.stream().map((entry) -> Outcome.<AuditRecord>failed(message, cause)).toList();
	}

	private static String describe(String message, List<Entry> batch) {
		return (batch.size() == 1) ? message
				: message + " (in a batch of " + batch.size() + " audit records, all rolled back)";
	}

	private List<AuditRecord> writeWithRetries(List<Entry> batch) throws SQLException {
		SQLException last = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			try {
				return writeOnce(batch);
			}
			catch (SQLException ex) {
				if (!isTransient(ex)) {
					throw ex;
				}
				last = ex;
				pause(attempt);
			}
		}
		throw new AuditLogException(NOT_WRITTEN + " after " + MAX_ATTEMPTS + " attempts: the chain head stayed locked",
				last);
	}

	private List<AuditRecord> writeOnce(List<Entry> batch) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				List<AuditRecord> records = writeInTransaction(connection, batch);
				connection.commit();
				return records;
			}
			catch (SQLException | RuntimeException ex) {
				rollbackQuietly(connection, ex);
				throw ex;
			}
			finally {
				connection.setAutoCommit(autoCommit);
			}
		}
	}

	private List<AuditRecord> writeInTransaction(Connection connection, List<Entry> batch) throws SQLException {
		long headSeq;
		String headHash;
		try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD); ResultSet rs = lock.executeQuery()) {
			if (!rs.next()) {
				throw new AuditLogException("audit_chain_head has no row: the audit migration was not applied "
						+ "or the head was deleted");
			}
			headSeq = rs.getLong(1);
			headHash = rs.getString(2);
		}
		long seq = headSeq;
		String previousHash = headHash;
		AuditCheckpoint checkpoint = AuditCheckpoints.latest(connection);
		if (checkpoint != null && checkpoint.sequence() > headSeq) {
			logger.error("The audit chain head (#" + headSeq + ") is behind the signed checkpoint of record #"
					+ checkpoint.sequence() + " (" + checkpoint.signedAt() + "): records were lost. The chain goes "
					+ "on after the checkpoint, so that no sequence number is reused; audit verification reports "
					+ "the missing records.");
			seq = checkpoint.sequence();
			previousHash = checkpoint.hash();
		}
		// PostgreSQL keeps microseconds; truncating first makes the hashed time the
		// stored time on every database.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<AuditRecord> records = new ArrayList<>(batch.size());
		for (Entry entry : batch) {
			AuditRecord record = AuditRecord.chain(++seq, now, entry.event(), entry.details(), previousHash);
			records.add(record);
			previousHash = record.hash();
		}
		try (PreparedStatement insert = connection.prepareStatement(AuditRecordRows.INSERT)) {
			for (AuditRecord record : records) {
				AuditRecordRows.bind(insert, record);
				insert.addBatch();
			}
			int[] counts = insert.executeBatch();
			if (counts.length != records.size()) {
				throw new AuditLogException(
						"audit batch insert reported " + counts.length + " results for " + records.size() + " records");
			}
			for (int count : counts) {
				if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
					throw new AuditLogException("audit batch insert reported " + count + " rows for one record");
				}
			}
		}
		try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
			move.setLong(1, seq);
			move.setString(2, previousHash);
			move.setLong(3, headSeq);
			if (move.executeUpdate() != 1) {
				// Only possible if something bypassed the lock; never build on a head
				// that moved under us.
				throw new AuditLogException("audit chain head moved during an append");
			}
		}
		return records;
	}

	private static boolean isTransient(SQLException ex) {
		for (SQLException e : chain(ex)) {
			if (e instanceof SQLTransientException || TRANSIENT_SQL_STATES.contains(e.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A data exception (class 22) or integrity constraint violation (class 23): the
	 * values were refused.
	 */
	private static boolean isRefusedValue(SQLException ex) {
		for (SQLException e : chain(ex)) {
			String state = e.getSQLState();
			if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The exception, its next exceptions (a failed batch reports the cause there) and SQL
	 * causes.
	 */
	private static List<SQLException> chain(SQLException ex) {
		List<SQLException> chain = new ArrayList<>();
		for (SQLException e = ex; e != null && chain.size() < 20; e = e.getNextException()) {
			chain.add(e);
			if (e instanceof BatchUpdateException && e.getCause() instanceof SQLException cause && cause != e) {
				chain.add(cause);
			}
		}
		return chain;
	}

	private static void pause(int attempt) {
		try {
			// jitter, so that nodes that timed out together do not collide again
			TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AuditLogException("interrupted while waiting to write an audit record", ex);
		}
	}

	private static void rollbackQuietly(Connection connection, Exception cause) {
		try {
			connection.rollback();
		}
		catch (SQLException ex) {
			cause.addSuppressed(ex);
		}
	}

}
