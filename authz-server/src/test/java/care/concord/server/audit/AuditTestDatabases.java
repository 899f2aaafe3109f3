package care.concord.server.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;

/**
 * Databases for the audit tests without a Spring context: an H2 in-memory database or a PostgreSQL database on
 * 127.0.0.1:5432, each migrated with the application's Flyway migrations.
 */
final class AuditTestDatabases {

	static final String POSTGRES_HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";

	static final String POSTGRES_DATABASE = "concord_audit_test";

	/** The settings of the server's H2 URL (application.yml), so that tests see the same identifier rules. */
	static final String H2_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	private AuditTestDatabases() {
	}

	/** A fresh, migrated, named H2 in-memory database in PostgreSQL mode (lives while the JVM does). */
	static String newH2Url() {
		return "jdbc:h2:mem:audit-" + UUID.randomUUID() + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
	}

	/** A small connection pool, as one node would have, on the given database. */
	static HikariDataSource pool(String url, String user, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		config.setPoolName("audit-test-" + UUID.randomUUID());
		return new HikariDataSource(config);
	}

	static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

	/**
	 * Re-creates {@value #POSTGRES_DATABASE} on the local PostgreSQL and returns its JDBC URL; aborts the test
	 * (fails it when {@code CI=true}) when PostgreSQL does not answer.
	 */
	static String recreatePostgresDatabase() {
		try (Connection admin = DriverManager.getConnection(POSTGRES_HOST_URL + "postgres", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + POSTGRES_DATABASE + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + POSTGRES_DATABASE);
		}
		catch (SQLException ex) {
			String message = "PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) is not reachable: "
					+ ex.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + " (CI=true, so this fails instead of skipping)", ex);
			}
			Assumptions.abort(message + "; skipping the PostgreSQL audit chain tests");
		}
		return POSTGRES_HOST_URL + POSTGRES_DATABASE;
	}

	/** Empties the log: no records, head back at the genesis hash. */
	static void resetChain(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
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
