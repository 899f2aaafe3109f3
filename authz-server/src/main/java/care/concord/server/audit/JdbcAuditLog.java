package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@link AuditLog} kept in the {@code audit_record} table of the shared database, H2 or PostgreSQL.
 *
 * <p>Appends are serialised by the database, not by the JVM: each append locks the one row of
 * {@code audit_chain_head} with {@code SELECT ... FOR UPDATE}, reads the newest sequence number and hash, inserts
 * the next record and moves the head, all in one transaction. Appends from any number of threads and nodes
 * therefore queue on that row lock and form a single chain; a rolled-back append leaves neither a record nor a
 * gap. The cost is that appends happen one at a time across the cluster, each holding the lock for one insert.
 *
 * <p>Each append takes its own connection from the data source and commits it, so it is independent of any
 * transaction the caller holds (like {@code REQUIRES_NEW}). The server gives the log a pool of its own (see
 * {@code AuditConfiguration}), so that callers holding connections can never starve it.
 */
public final class JdbcAuditLog implements AuditLog, AutoCloseable {

	/** Lock time-outs, deadlocks and serialisation failures: the append is safe to try again. */
	private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01", "55P03", "HYT00");

	private static final int MAX_ATTEMPTS = 5;

	private static final String LOCK_HEAD = "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE";

	private static final String MOVE_HEAD = "UPDATE audit_chain_head SET last_seq = ?, last_hash = ? "
			+ "WHERE id = 1 AND last_seq = ?";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final DataSource dataSource;

	private final Clock clock;

	/** A log in the given database (migrated with {@code V20__audit.sql}), stamping records with the clock. */
	public JdbcAuditLog(DataSource dataSource, Clock clock) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** Closes the data source when the log owns a pool of its own. */
	@Override
	public void close() throws Exception {
		if (this.dataSource instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public AuditRecord append(AuditEvent event) {
		Objects.requireNonNull(event, "event");
		String details = detailsJson(event.details());
		SQLException last = null;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			try {
				return appendOnce(event, details);
			}
			catch (SQLException ex) {
				if (!isTransient(ex)) {
					throw new AuditLogException("audit record could not be written", ex);
				}
				last = ex;
				pause(attempt);
			}
		}
		throw new AuditLogException("audit record could not be written after " + MAX_ATTEMPTS
				+ " attempts: the chain head stayed locked", last);
	}

	private AuditRecord appendOnce(AuditEvent event, String details) throws SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			boolean autoCommit = connection.getAutoCommit();
			connection.setAutoCommit(false);
			try {
				AuditRecord record = appendInTransaction(connection, event, details);
				connection.commit();
				return record;
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

	private AuditRecord appendInTransaction(Connection connection, AuditEvent event, String details)
			throws SQLException {
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
		AuditRecord record = AuditRecord.chain(lastSeq + 1, now, event, details, lastHash);
		try (PreparedStatement insert = connection.prepareStatement(AuditRecordRows.INSERT)) {
			AuditRecordRows.bind(insert, record);
			insert.executeUpdate();
		}
		try (PreparedStatement move = connection.prepareStatement(MOVE_HEAD)) {
			move.setLong(1, record.sequence());
			move.setString(2, record.hash());
			move.setLong(3, lastSeq);
			if (move.executeUpdate() != 1) {
				// Only possible if something bypassed the lock; never build on a head that moved under us.
				throw new AuditLogException("audit chain head moved during an append");
			}
		}
		return record;
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
		for (SQLException e = ex; e != null; e = e.getNextException()) {
			if (e instanceof SQLTransientException || TRANSIENT_SQL_STATES.contains(e.getSQLState())) {
				return true;
			}
		}
		return false;
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
