package care.concord.server.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;

/**
 * Audit-specific helpers on the databases of {@link TestDatabases}: resetting and
 * tampering with the chain.
 */
final class AuditTestDatabases {

	static final String FEATURE = "audit";

	static final String POSTGRES_DATABASE = "concord_audit_test";

	private AuditTestDatabases() {
	}

	/** Empties the log: no records, no checkpoints, head back at the genesis hash. */
	static void resetChain(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeUpdate("DELETE FROM audit_checkpoint");
			statement.executeUpdate("DELETE FROM audit_record");
			statement.executeUpdate("DELETE FROM audit_chain_head");
			statement.executeUpdate("INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, '"
					+ AuditHashing.GENESIS_HASH + "')");
		}
	}

	/** Runs a tampering statement the way an attacker with database access would. */
	static int tamper(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			return statement.executeUpdate(sql);
		}
	}

}
