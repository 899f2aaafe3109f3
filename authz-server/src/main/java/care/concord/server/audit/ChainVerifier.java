package care.concord.server.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

/**
 * Walks the audit chain in sequence order and reports whether it is intact or where it
 * first breaks.
 *
 * <p>
 * For each record, in order: its sequence number must be the next one (else the missing
 * record was {@link ChainBreak.Kind#DELETED deleted}); its hash must match its values
 * (else it was {@link ChainBreak.Kind#CHANGED changed}, or
 * {@link ChainBreak.Kind#REORDERED reordered} when the values match the hash at another
 * sequence number); and its previous hash must be the hash of the record before it (else
 * that record was rewritten with a recomputed hash). Finally the last record must be the
 * chain head's (else the tail was deleted or rewritten). Last, the chain must reach the
 * newest signed checkpoint ({@link AuditCheckpoints}) and any checkpoint the caller
 * presents, with the hash they name (else the tail was {@link ChainBreak.Kind#TRUNCATED
 * truncated}, or rewritten).
 *
 * <p>
 * The chain head is read first and only records up to it are walked, so appends made
 * while the verifier runs are neither required nor reported. The verifier needs nothing
 * but JDBC, so the command-line check can run it against a database with no server
 * running.
 *
 * <p>
 * A chain proves that records were not changed <em>without recomputing every later
 * hash</em>; someone able to rewrite the whole tail and the head can forge a consistent
 * chain, or delete the tail and move the head back. Signed checkpoints kept apart from
 * the chain, and held by clients, close that gap.
 */
public final class ChainVerifier {

	/** How far from its position a record's original sequence number is looked for. */
	static final int REORDER_SEARCH_WINDOW = 1024;

	private static final int FETCH_SIZE = 500;

	private final DataSource dataSource;

	/** A verifier for the chain in the given database. */
	public ChainVerifier(DataSource dataSource) {
		this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
	}

	/**
	 * Verifies the chain.
	 * @throws AuditLogException when the database cannot be read
	 */
	public ChainVerification verify() {
		return verify((AuditCheckpoint) null);
	}

	/**
	 * Verifies the chain, also against a checkpoint the caller holds (whose signature the
	 * caller has checked).
	 * @param presented a checkpoint from elsewhere, or null
	 * @throws AuditLogException when the database cannot be read
	 */
	public ChainVerification verify(AuditCheckpoint presented) {
		try (Connection connection = this.dataSource.getConnection()) {
			return verify(connection, presented);
		}
		catch (SQLException ex) {
			throw new AuditLogException("audit chain could not be read", ex);
		}
	}

	/**
	 * Verifies the chain over the given connection, which is left open with its
	 * auto-commit as it was.
	 */
	public static ChainVerification verify(Connection connection) throws SQLException {
		return verify(connection, null);
	}

	/**
	 * Verifies the chain over the given connection, also against a checkpoint from
	 * elsewhere (or null); the connection is left open with its auto-commit as it was.
	 */
	public static ChainVerification verify(Connection connection, AuditCheckpoint presented) throws SQLException {
		boolean autoCommit = connection.getAutoCommit();
		// PostgreSQL streams a result set with a fetch size only inside a transaction.
		connection.setAutoCommit(false);
		try {
			// Read before the head: a checkpoint signed while the walk runs may be of a
			// record after the head read.
			AuditCheckpoint stored = AuditCheckpoints.latest(connection);
			ChainVerification walked = walk(connection);
			if (!walked.ok()) {
				return walked;
			}
			List<AuditCheckpoint> checkpoints = new ArrayList<>();
			for (AuditCheckpoint checkpoint : new AuditCheckpoint[] { presented, stored }) {
				if (checkpoint != null) {
					checkpoints.add(checkpoint);
				}
			}
			return againstCheckpoints(connection, walked, checkpoints);
		}
		finally {
			connection.rollback();
			connection.setAutoCommit(autoCommit);
		}
	}

	private static ChainVerification walk(Connection connection) throws SQLException {
		long headSeq;
		String headHash;
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1");
				ResultSet rs = statement.executeQuery()) {
			if (!rs.next()) {
				return ChainVerification.broken(0, 0, new ChainBreak(0, ChainBreak.Kind.DELETED, null, null,
						"the chain head row is missing, so the end of the chain cannot be checked"));
			}
			headSeq = rs.getLong(1);
			headHash = rs.getString(2);
		}
		long expectedSeq = 1;
		String previousHash = AuditHashing.GENESIS_HASH;
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT " + AuditRecordRows.COLUMNS + " FROM audit_record WHERE seq <= ? ORDER BY seq")) {
			statement.setFetchSize(FETCH_SIZE);
			statement.setLong(1, headSeq);
			try (ResultSet rs = statement.executeQuery()) {
				while (rs.next()) {
					AuditRecord record = AuditRecordRows.read(rs);
					ChainBreak found = check(connection, record, expectedSeq, previousHash, headSeq);
					if (found != null) {
						return ChainVerification.broken(Math.min(expectedSeq, found.sequence()) - 1, headSeq, found);
					}
					previousHash = record.hash();
					expectedSeq++;
				}
			}
		}
		long checked = expectedSeq - 1;
		if (checked < headSeq) {
			return ChainVerification.broken(checked, headSeq,
					new ChainBreak(expectedSeq, ChainBreak.Kind.DELETED, (expectedSeq == headSeq) ? headHash : null,
							null,
							"records #" + expectedSeq + " to #" + headSeq + " are missing from the end of the chain"));
		}
		if (!headHash.equals(previousHash)) {
			return ChainVerification.broken(checked - 1, headSeq,
					new ChainBreak(headSeq, ChainBreak.Kind.CHANGED, headHash, previousHash,
							"the newest record's hash is not the one the chain head committed to; "
									+ "it was rewritten and rehashed"));
		}
		return ChainVerification.intact(checked, headSeq);
	}

	/**
	 * The intact chain must reach every checkpoint, with the hash the checkpoint names.
	 */
	private static ChainVerification againstCheckpoints(Connection connection, ChainVerification walked,
			List<AuditCheckpoint> checkpoints) throws SQLException {
		long last = walked.recordsChecked();
		for (AuditCheckpoint checkpoint : checkpoints) {
			if (checkpoint.sequence() > last) {
				return ChainVerification.broken(last, walked.headSequence(), new ChainBreak(last + 1,
						ChainBreak.Kind.TRUNCATED, checkpoint.hash(), null,
						"the chain ends at record #" + last + " but a checkpoint signed at " + checkpoint.signedAt()
								+ " shows it once reached record #" + checkpoint.sequence() + ": records #" + (last + 1)
								+ " to #" + checkpoint.sequence() + " were lost"));
			}
			String found = hashAt(connection, checkpoint.sequence());
			if (checkpoint.sequence() > 0 && !checkpoint.hash().equals(found)) {
				return ChainVerification.broken(checkpoint.sequence() - 1, walked.headSequence(),
						new ChainBreak(checkpoint.sequence(), ChainBreak.Kind.CHANGED, checkpoint.hash(), found,
								"record #" + checkpoint.sequence() + " is not the record checkpointed at "
										+ checkpoint.signedAt() + ": the chain was rewritten from there"));
			}
		}
		return walked;
	}

	private static String hashAt(Connection connection, long sequence) throws SQLException {
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT record_hash FROM audit_record WHERE seq = ?")) {
			statement.setLong(1, sequence);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getString(1) : null;
			}
		}
	}

	private static ChainBreak check(Connection connection, AuditRecord record, long expectedSeq, String previousHash,
			long headSeq) throws SQLException {
		if (record.sequence() != expectedSeq) {
			// rows come in seq order and seq is the primary key, so a different number is
			// always a larger one
			String gap = (record.sequence() == expectedSeq + 1) ? "record #" + expectedSeq
					: "records #" + expectedSeq + " to #" + (record.sequence() - 1);
			return new ChainBreak(expectedSeq, ChainBreak.Kind.DELETED, null, null,
					gap + " missing: the next record present is #" + record.sequence());
		}
		String computed = record.computeHash();
		if (!computed.equals(record.hash())) {
			long original = originalSequence(connection, record, headSeq);
			if (original > 0) {
				return new ChainBreak(record.sequence(), ChainBreak.Kind.REORDERED, computed, record.hash(),
						"record #" + record.sequence() + " holds the record written as #" + original);
			}
			return new ChainBreak(record.sequence(), ChainBreak.Kind.CHANGED, computed, record.hash(),
					"record #" + record.sequence() + " was changed: its values no longer match its hash");
		}
		if (!record.previousHash().equals(previousHash)) {
			if (expectedSeq == 1) {
				return new ChainBreak(1, ChainBreak.Kind.CHANGED, AuditHashing.GENESIS_HASH, record.previousHash(),
						"record #1 does not start the chain: its previous hash is not the genesis hash");
			}
			long before = expectedSeq - 1;
			return new ChainBreak(before, ChainBreak.Kind.CHANGED, record.previousHash(), previousHash, "record #"
					+ before + " is not the record #" + expectedSeq + " was chained to: it was rewritten and rehashed");
		}
		return null;
	}

	/**
	 * The sequence number the record was written at, when its values match its hash at
	 * another position, else 0. Tries the position after the record its previous hash
	 * names, then positions nearby.
	 */
	private static long originalSequence(Connection connection, AuditRecord record, long headSeq) throws SQLException {
		long afterPredecessor = positionAfter(connection, record.previousHash());
		if (afterPredecessor > 0 && afterPredecessor != record.sequence() && hashesAt(record, afterPredecessor)) {
			return afterPredecessor;
		}
		long from = Math.max(1, record.sequence() - REORDER_SEARCH_WINDOW);
		long to = Math.min(Math.max(headSeq, record.sequence()), record.sequence() + REORDER_SEARCH_WINDOW);
		for (long candidate = from; candidate <= to; candidate++) {
			if (candidate != record.sequence() && hashesAt(record, candidate)) {
				return candidate;
			}
		}
		return 0;
	}

	private static long positionAfter(Connection connection, String previousHash) throws SQLException {
		if (AuditHashing.GENESIS_HASH.equals(previousHash)) {
			return 1;
		}
		try (PreparedStatement statement = connection
			.prepareStatement("SELECT seq FROM audit_record WHERE record_hash = ?")) {
			statement.setString(1, previousHash);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next() ? rs.getLong(1) + 1 : 0;
			}
		}
	}

	private static boolean hashesAt(AuditRecord record, long sequence) {
		return record.withSequence(sequence).computeHash().equals(record.hash());
	}

}
