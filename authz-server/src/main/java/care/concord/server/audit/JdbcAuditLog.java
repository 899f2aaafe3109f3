package care.concord.server.audit;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AuditLog} kept in the {@code audit_record} table of the shared database, H2 or PostgreSQL, with
 * <em>group commit</em>: appends that arrive together are written in one transaction.
 *
 * <p><strong>Across nodes</strong> appends are serialised by the database: a writer locks the one row of
 * {@code audit_chain_head} with {@code SELECT ... FOR UPDATE}, reads the newest sequence number and hash, inserts
 * the next records and moves the head (guarded by {@code WHERE last_seq = ?}), all in one transaction. Writers of
 * every node therefore queue on that row lock and extend a single chain; a rolled-back transaction leaves neither
 * a record nor a gap.
 *
 * <p><strong>Within one JVM</strong> appends are combined, with no thread of the log's own. A caller validates
 * its event (the details JSON) in its own thread and puts it on a FIFO queue. If no caller is writing, it becomes
 * the <em>writer</em>: it takes up to {@code maxBatch} queued events (its own is always the oldest), chains them
 * in queue order with one head lock, inserts them with one JDBC batch, moves the head once, commits, and hands
 * each waiting caller its record. Callers that arrive while a batch is being written wait on their own condition;
 * when the writer has finished its batch it promotes the oldest of them to be the next writer, which takes
 * everything queued meanwhile as the next batch. Each writer writes one batch, so no caller keeps writing for
 * others long after its own record is stored; when the queue is empty the next caller to arrive writes.
 *
 * <pre>
 *  append(e1) --+   queue, oldest first      writer: the caller that found no writer, or the one promoted
 *  append(e2) --+--&gt; [e1 e2 e3 ...] --take up to maxBatch--&gt; BEGIN
 *  append(e3) --+        ^                                SELECT last_seq, last_hash ... FOR UPDATE  (once)
 *      |                 | queued while a batch           chain e1, e2, e3 as #n+1, #n+2, #n+3
 *      | wait on own     | is being written               INSERT x 3 (one executeBatch)
 *      | condition,      |                                UPDATE head ... WHERE last_seq = n        (once)
 *      | with time-out   |                                COMMIT, or ROLLBACK of the whole batch
 *      +&lt;---------------|------ each caller's record, or the failure, after the COMMIT
 *                        +------ the oldest waiting caller is promoted to write the next batch
 * </pre>
 *
 * <p>Guarantees:
 * <ul>
 * <li>{@link #append(AuditEvent)} returns a record only after the transaction holding it has committed; the
 * returned record equals the stored row.</li>
 * <li>Records get consecutive sequence numbers in queue order; the records of a batch share one time (the clock
 * read once per batch after the head is locked, truncated to microseconds), so times never decrease within a
 * batch.</li>
 * <li>A batch commits or rolls back as a whole: never a half-written batch, a gap or a fork. Lock time-outs,
 * deadlocks and serialisation failures retry the whole batch (re-chained on the head as it then is) up to
 * five times; any other failure fails every caller of the batch with {@link AuditLogException}.
 * The one exception: when the database refuses a value of a batch of several events (SQL state class 22 or 23,
 * e.g. a value too long for its column), the rolled-back batch is written again one event per transaction, in
 * the same order, so that one event the database refuses fails its own caller only.</li>
 * <li>A caller waits at most {@code waitTimeout} (default 10 s) for its record (unless it is promoted to writer
 * meanwhile), then gets an {@link AuditLogException}; an event whose caller gave up before a writer took it is
 * never written, one already taken may be (over-reporting again).</li>
 * <li>A waiting caller that is interrupted gets an {@link AuditLogException} and keeps its interrupt flag set. Its
 * record may still be committed, if a writer had already taken it: the log may over-report an access that was
 * then refused, never under-report one that went ahead. An interrupt pending when a caller becomes the writer is held back until its batch is written (the batch holds
 * other callers' events): it returns its record with the flag set again. An interrupt that arrives while the
 * batch is being written may fail it, as any other failure would.</li>
 * </ul>
 *
 * <p>Each batch takes its own connection from the data source and commits it, so it is independent of any
 * transaction the callers hold (like {@code REQUIRES_NEW}); at most one connection per log is in use at a time.
 * The server gives the log a pool of its own (see {@code AuditConfiguration}), so that callers holding
 * connections can never starve it.
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

	/** Most events written in one transaction, by default. */
	public static final int DEFAULT_MAX_BATCH = 256;

	/** Longest a caller waits for its record to be written, by default. */
	public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(10);

	/** Lock time-outs, deadlocks and serialisation failures: the batch is safe to try again. */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

	private static final int MAX_ATTEMPTS = 5;

	private static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";

	private static final String MOVE_HEAD = "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? "
			+ "WHERE id = 1 AND last_seq = ?";

	private static final String NOT_WRITTEN = "audit record could not be written";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DataSource dataSource;

	private final Clock clock;

	private final int maxBatch;

	private final Duration waitTimeout;

	/** Guards the queue, the writer flag and the state of every {@link Pending}. Never held during JDBC calls. */
	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when the last writer stops and the queue is empty. */
	private final Condition idle = this.lock.newCondition();

	/** Events not yet taken by a writer, oldest first. */
	private final ArrayDeque<Pending> queue = new ArrayDeque<>();

	/** True from the moment a caller becomes the writer until a writer finds the queue empty. */
	private boolean writing;

	private boolean closed;

	/**
	 * A log in the given database (migrated with {@code V20__audit.sql}), stamping records with the clock, writing
	 * at most {@value #DEFAULT_MAX_BATCH} events per transaction and letting callers wait at most
	 * {@link #DEFAULT_WAIT_TIMEOUT}.
	 */
	public JdbcAuditLog(DataSource dataSource, Clock clock) {
		this(dataSource, clock, DEFAULT_MAX_BATCH, DEFAULT_WAIT_TIMEOUT);
	}

	/**
	 * A log in the given database, stamping records with the clock.
	 * @param maxBatch most events written in one transaction, at least 1
	 * @param waitTimeout longest a caller waits for its record before {@link #append(AuditEvent)} fails
	 */
	public JdbcAuditLog(DataSource dataSource, Clock clock, int maxBatch, Duration waitTimeout) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.clock = Objects.requireNonNull(clock, "clock");
		if (maxBatch < 1) {
			throw new IllegalArgumentException("maxBatch must be at least 1");
		}
		Objects.requireNonNull(waitTimeout, "waitTimeout");
		if (waitTimeout.isNegative() || waitTimeout.isZero()) {
			throw new IllegalArgumentException("waitTimeout must be positive");
		}
		this.maxBatch = maxBatch;
		this.waitTimeout = waitTimeout;
	}

	/**
	 * Stops accepting appends, fails those queued but not yet taken by a writer, waits up to the wait time-out for
	 * the batch being written to finish, and closes the data source when the log owns a pool of its own.
	 */
	@Override
	public void close() throws Exception {
		this.lock.lock();
		try {
			this.closed = true;
			for (Pending pending : this.queue) {
				pending.fail("the audit log was closed before the record was written", null);
			}
			this.queue.clear();
			long nanos = this.waitTimeout.toNanos();
			while (this.writing && nanos > 0L) {
				nanos = this.idle.awaitNanos(nanos);
			}
		}
		catch (InterruptedException ex) {
			// close the pool anyway; a batch still being written then fails and its callers are told so
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * Appends the event as the next record of the chain and returns the record as committed; see the class
	 * description for how concurrent appends are combined.
	 * @throws AuditLogException when the record could not be stored, the wait timed out, the waiting thread was
	 * interrupted or the log is closed; the caller must then refuse the request
	 * @throws IllegalArgumentException when the details are too long to be stored
	 */
	@Override
	public AuditRecord append(AuditEvent event) {
		Objects.requireNonNull(event, "event");
		// Validated here, in the caller's thread, so that a bad event fails alone and never a batch.
		Pending mine = new Pending(event, detailsJson(event.details()), this.lock.newCondition());
		boolean lead;
		this.lock.lock();
		try {
			if (this.closed) {
				throw new AuditLogException("the audit log is closed");
			}
			this.queue.addLast(mine);
			lead = !this.writing;
			this.writing = true;
		}
		finally {
			this.lock.unlock();
		}
		return lead ? lead(mine) : follow(mine);
	}

	/** Waits until a writer has written the event (or failed it) or promotes this caller to write. */
	private AuditRecord follow(Pending mine) {
		boolean interrupted = false;
		boolean promoted;
		this.lock.lock();
		try {
			long nanos = this.waitTimeout.toNanos();
			while (!mine.finished() && !mine.promoted && !interrupted) {
				if (nanos <= 0L) {
					mine.abandoned = true;
					throw new AuditLogException("audit record was not written within " + this.waitTimeout
							+ ": the audit writer is stuck or the database is slow (the record may still be written)");
				}
				try {
					nanos = mine.changed.awaitNanos(nanos);
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
			}
			promoted = mine.promoted;
			if (!promoted && !interrupted) {
				return mine.result();
			}
			if (interrupted && !promoted) {
				mine.abandoned = true;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (promoted) {
			// Leadership cannot be refused, or the queue would stall: write, even when interrupted meanwhile.
			AuditRecord record = lead(mine);
			if (!interrupted) {
				return record;
			}
		}
		Thread.currentThread().interrupt();
		throw new AuditLogException("interrupted while waiting for the audit record to be written "
				+ "(the record may still be written)");
	}

	/** Writes batches until the caller's own event is done, then hands the writer role on. */
	private AuditRecord lead(Pending mine) {
		// The batch holds other callers' events: the writer's own interrupt must not abort it.
		boolean interrupted = Thread.interrupted();
		try {
			for (List<Pending> batch = takeBatch(mine); !batch.isEmpty(); batch = takeBatch(mine)) {
				write(batch);
			}
		}
		finally {
			this.lock.lock();
			try {
				handOff();
			}
			finally {
				this.lock.unlock();
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		this.lock.lock();
		try {
			return mine.result();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The next batch, oldest first; empty once {@code mine} is done. */
	private List<Pending> takeBatch(Pending mine) {
		this.lock.lock();
		try {
			List<Pending> batch = new ArrayList<>();
			if (mine.finished()) {
				return batch;
			}
			while (batch.size() < this.maxBatch && !this.queue.isEmpty()) {
				Pending pending = this.queue.pollFirst();
				if (!pending.abandoned && !pending.finished()) {
					batch.add(pending);
				}
			}
			if (batch.isEmpty()) {
				// Cannot happen: the writer's own event is queued until taken. Never leave its caller hanging.
				mine.fail(NOT_WRITTEN + ": the audit writer lost its own event", null);
			}
			return batch;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Promotes the oldest waiting caller to writer, or marks the log idle. Called with the lock held. */
	private void handOff() {
		while (!this.queue.isEmpty()) {
			Pending next = this.queue.peekFirst();
			if (next.abandoned || next.finished()) {
				this.queue.pollFirst();
				continue;
			}
			// It stays queued: as writer it takes its own event first.
			next.promoted = true;
			next.changed.signal();
			return;
		}
		this.writing = false;
		this.idle.signalAll();
	}

	/** Writes the batch and completes every caller in it; throws only an {@link Error}, after failing them. */
	private void write(List<Pending> batch) {
		try {
			List<AuditRecord> records = writeWithRetries(batch);
			this.lock.lock();
			try {
				for (int i = 0; i < batch.size(); i++) {
					batch.get(i).succeed(records.get(i));
				}
			}
			finally {
				this.lock.unlock();
			}
		}
		catch (SQLException ex) {
			if (batch.size() > 1 && isRefusedValue(ex)) {
				// Rolled back as a whole; write the events one by one so that only the refused one fails.
				for (Pending pending : batch) {
					write(List.of(pending));
				}
				return;
			}
			fail(batch, describe(NOT_WRITTEN, batch), ex);
		}
		catch (AuditLogException ex) {
			fail(batch, describe(ex.getMessage(), batch), (ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (RuntimeException ex) {
			fail(batch, describe(NOT_WRITTEN, batch), ex);
		}
		catch (Error ex) {
			fail(batch, describe(NOT_WRITTEN, batch), ex);
			throw ex;
		}
	}

	private static String describe(String message, List<Pending> batch) {
		return (batch.size() == 1) ? message
				: message + " (in a batch of " + batch.size() + " audit records, all rolled back)";
	}

	private void fail(List<Pending> batch, String message, Throwable cause) {
		this.lock.lock();
		try {
			for (Pending pending : batch) {
				pending.fail(message, cause);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	private List<AuditRecord> writeWithRetries(List<Pending> batch) throws SQLException {
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
		throw new AuditLogException(
				NOT_WRITTEN + " after " + MAX_ATTEMPTS + " attempts: the chain head stayed locked", last);
	}

	private List<AuditRecord> writeOnce(List<Pending> batch) throws SQLException {
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

	private List<AuditRecord> writeInTransaction(Connection connection, List<Pending> batch) throws SQLException {
		long lastSeq;
		String lastHash;
		try (PreparedStatement lock = connection.prepareStatement(LOCK_HEAD); ResultSet rs = lock.executeQuery()) {
			if (!rs.next()) {
				throw new AuditLogException("audit_chain_head has no row: the audit migration was not applied "
						+ "or the head was deleted");
			}
			lastSeq = rs.getLong(1);
			lastHash = rs.getString(2);
		}
		// PostgreSQL keeps microseconds; truncating first makes the hashed time the stored time on every database.
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		List<AuditRecord> records = new ArrayList<>(batch.size());
		long seq = lastSeq;
		String previousHash = lastHash;
		for (Pending pending : batch) {
			AuditRecord record = AuditRecord.chain(++seq, now, pending.event, pending.details, previousHash);
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
				throw new AuditLogException("audit batch insert reported " + counts.length + " results for "
						+ records.size() + " records");
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
			move.setLong(3, lastSeq);
			if (move.executeUpdate() != 1) {
				// Only possible if something bypassed the lock; never build on a head that moved under us.
				throw new AuditLogException("audit chain head moved during an append");
			}
		}
		return records;
	}

	/** Events queued and not yet taken by a writer (for tests). */
	int queued() {
		this.lock.lock();
		try {
			return (int) this.queue.stream().filter((pending) -> !pending.abandoned && !pending.finished()).count();
		}
		finally {
			this.lock.unlock();
		}
	}

	static String detailsJson(Map<String, String> details) {
		if (details.isEmpty()) {
			return null;
		}
		String json;
		try {
			json = JSON.writeValueAsString(details);
		}
		catch (JacksonException ex) {
			throw new AuditLogException("audit details could not be written as JSON", ex);
		}
		if (json.length() > AuditEvent.MAX_DETAILS_JSON) {
			throw new IllegalArgumentException("audit details are longer than " + AuditEvent.MAX_DETAILS_JSON
					+ " characters as JSON");
		}
		return json;
	}

	private static boolean isTransient(SQLException ex) {
		for (SQLException e : chain(ex)) {
			if (e instanceof SQLTransientException || TRANSIENT_SQL_STATES.contains(e.getSQLState())) {
				return true;
			}
		}
		return false;
	}

	/** A data exception (class 22) or integrity constraint violation (class 23): the values were refused. */
	private static boolean isRefusedValue(SQLException ex) {
		for (SQLException e : chain(ex)) {
			String state = e.getSQLState();
			if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
				return true;
			}
		}
		return false;
	}

	/** The exception, its next exceptions (a failed batch reports the cause there) and SQL causes. */
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

	/** One caller's event and, once known, its outcome. All mutable state is guarded by the log's lock. */
	private static final class Pending {

		final AuditEvent event;

		final String details;

		/** Signalled when the outcome is set or the caller is promoted to writer. */
		final Condition changed;

		AuditRecord record;

		String failureMessage;

		Throwable failureCause;

		/** This caller is now the writer. */
		boolean promoted;

		/** The caller stopped waiting (time-out or interrupt): not to be written if not yet taken. */
		boolean abandoned;

		Pending(AuditEvent event, String details, Condition changed) {
			this.event = event;
			this.details = details;
			this.changed = changed;
		}

		boolean finished() {
			return this.record != null || this.failureMessage != null;
		}

		void succeed(AuditRecord record) {
			if (!finished()) {
				this.record = record;
				this.changed.signal();
			}
		}

		void fail(String message, Throwable cause) {
			if (!finished()) {
				this.failureMessage = message;
				this.failureCause = cause;
				this.changed.signal();
			}
		}

		/** The record, or a new exception (in the caller's thread) for the failure. */
		AuditRecord result() {
			if (this.record != null) {
				return this.record;
			}
			throw new AuditLogException((this.failureMessage != null) ? this.failureMessage
					: NOT_WRITTEN + ": the audit writer left it unfinished", this.failureCause);
		}

	}

}
