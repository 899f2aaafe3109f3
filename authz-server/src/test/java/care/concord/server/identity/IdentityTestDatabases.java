package care.concord.server.identity;

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
 * Databases for the identity store tests without a Spring context, after the audit tests' pattern: an H2
 * in-memory database or a PostgreSQL database on 127.0.0.1:5432, each migrated with the application's Flyway
 * migrations.
 */
final class IdentityTestDatabases {

	static final String POSTGRES_HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";

	static final String POSTGRES_DATABASE = "concord_identity_test";

	static final String H2_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	private IdentityTestDatabases() {
	}

	/** A fresh named H2 in-memory database in PostgreSQL mode. */
	static String newH2Url() {
		return "jdbc:h2:mem:identity-" + UUID.randomUUID() + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
	}

	/** A small connection pool on the given database. */
	static HikariDataSource pool(String url, String user, int size) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		config.setPoolName("identity-test-" + UUID.randomUUID());
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
			Assumptions.abort(message + "; skipping the PostgreSQL identity store tests");
		}
		return POSTGRES_HOST_URL + POSTGRES_DATABASE;
	}

}
