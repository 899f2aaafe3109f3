package care.concord.server.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

import javax.sql.DataSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AuditLog} kept in the {@code audit_record} table of the shared database, H2
 * or PostgreSQL, with <em>group commit</em>: appends that arrive together are written in
 * one transaction.
 *
 * <p>
 * <strong>Across nodes</strong> appends are serialised by the database: the
 * {@link AuditChainWriter} locks the one row of {@code audit_chain_head} with
 * {@code SELECT ... FOR UPDATE}, reads the newest sequence number and hash, inserts the
 * next records and moves the head, all in one transaction. Writers of every node
 * therefore queue on that row lock and extend a single chain; a rolled-back transaction
 * leaves neither a record nor a gap.
 *
 * <p>
 * <strong>Within one JVM</strong> appends are combined by a {@link GroupCommit} queue,
 * with no thread of the log's own: a caller validates its event (the details JSON) in its
 * own thread and submits it; the caller that finds no writer writes everything queued (up
 * to {@code maxBatch}) as one batch and hands the writer role on.
 *
 * <p>
 * Guarantees:
 * <ul>
 * <li>{@link #append(AuditEvent)} returns a record only after the transaction holding it
 * has committed; the returned record equals the stored row. (Committed means durable: on
 * H2 the server's URL sets {@code WRITE_DELAY=0}, see docs/reliability.md.)</li>
 * <li>Records get consecutive sequence numbers in queue order and are never given a
 * number used before (see {@link AuditChainWriter} and {@link AuditCheckpoints}).</li>
 * <li>A batch commits or rolls back as a whole; transient failures are retried, a value
 * the database refuses fails its own caller only (see {@link AuditChainWriter}).</li>
 * <li>A caller waits at most {@code waitTimeout} (default 10 s) for its record (unless it
 * is promoted to writer meanwhile), then gets an {@link AuditLogException}; an event
 * whose caller gave up before a writer took it is never written, one already taken may be
 * (over-reporting again).</li>
 * <li>A waiting caller that is interrupted gets an {@link AuditLogException} and keeps
 * its interrupt flag set. Its record may still be committed, if a writer had already
 * taken it: the log may over-report an access that was then refused, never under-report
 * one that went ahead.</li>
 * </ul>
 *
 * <p>
 * Each batch takes its own connection from the data source and commits it, so it is
 * independent of any transaction the callers hold (like {@code REQUIRES_NEW}); at most
 * one connection per log is in use at a time. The server gives the log a pool of its own
 * (see {@code AuditConfiguration}), so that callers holding connections can never starve
 * it.
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

	/** Most events written in one transaction, by default. */
	public static final int DEFAULT_MAX_BATCH = 256;

	/** Longest a caller waits for its record to be written, by default. */
	public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DataSource dataSource;

	private final GroupCommit<AuditChainWriter.Entry, AuditRecord> queue;

	/**
	 * A log in the given database (migrated with {@code V20__audit.sql}), stamping
	 * records with the clock, writing at most {@value #DEFAULT_MAX_BATCH} events per
	 * transaction and letting callers wait at most {@link #DEFAULT_WAIT_TIMEOUT}.
	 */
	public JdbcAuditLog(DataSource dataSource, Clock clock) {
		this(dataSource, clock, DEFAULT_MAX_BATCH, DEFAULT_WAIT_TIMEOUT);
	}

	/**
	 * A log in the given database, stamping records with the clock.
	 * @param maxBatch most events written in one transaction, at least 1
	 * @param waitTimeout longest a caller waits for its record before
	 * {@link #append(AuditEvent)} fails
	 */
	public JdbcAuditLog(DataSource dataSource, Clock clock, int maxBatch, Duration waitTimeout) {
		this(dataSource, clock, maxBatch, waitTimeout, Duration.ZERO);
	}

	/**
	 * A log in the given database, stamping records with the clock.
	 * @param maxBatch most events written in one transaction, at least 1
	 * @param waitTimeout longest a caller waits for its record before
	 * {@link #append(AuditEvent)} fails
	 * @param gather how long the writer of a new batch waits for more appends while the
	 * log is busy ({@link GroupCommit}); zero: never
	 */
	public JdbcAuditLog(DataSource dataSource, Clock clock, int maxBatch, Duration waitTimeout, Duration gather) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.queue = new GroupCommit<>(new AuditChainWriter(dataSource, clock), "audit record", maxBatch, waitTimeout,
				gather, AuditLogException::new);
	}

	/**
	 * Tells the listener the number of events of every batch written in one transaction
	 * (see {@link GroupCommit#onBatch(IntConsumer)}).
	 */
	public void onBatch(IntConsumer listener) {
		this.queue.onBatch(listener);
	}

	/**
	 * Stops accepting appends, fails those queued but not yet taken by a writer, waits up
	 * to the wait time-out for the batch being written to finish, and closes the data
	 * source when the log owns a pool of its own.
	 */
	@Override
	public void close() throws Exception {
		this.queue.close();
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	/**
	 * Appends the event as the next record of the chain and returns the record as
	 * committed; see the class description for how concurrent appends are combined.
	 * @throws AuditLogException when the record could not be stored, the wait timed out,
	 * the waiting thread was interrupted or the log is closed; the caller must then
	 * refuse the request
	 * @throws IllegalArgumentException when the details are too long to be stored
	 */
	@Override
	public AuditRecord append(AuditEvent event) {
		Objects.requireNonNull(event, "event");
		// Validated here, in the caller's thread, so that a bad event fails alone and
		// never a batch.
		return this.queue.submit(new AuditChainWriter.Entry(event, detailsJson(event.details())));
	}

	/** Events queued and not yet taken by a writer (for tests). */
	int queued() {
		return this.queue.queued();
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
			throw new IllegalArgumentException(
					"audit details are longer than " + AuditEvent.MAX_DETAILS_JSON + " characters as JSON");
		}
		return json;
	}

}
