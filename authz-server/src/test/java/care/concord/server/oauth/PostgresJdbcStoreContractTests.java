package care.concord.server.oauth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link JdbcStoreContractTests} on a real PostgreSQL: each test creates its own database
 * {@code concord_test_<random>} on {@code CONCORD_TEST_PG_HOST:CONCORD_TEST_PG_PORT} (default
 * {@code 127.0.0.1:5432}, user {@code postgres}, trust authentication) and drops it afterwards.
 *
 * <p>Skipped, with a message naming the server, only when PostgreSQL cannot be reached; with environment
 * variable {@code CI=true} an unreachable server fails the test instead.
 */
class PostgresJdbcStoreContractTests extends JdbcStoreContractTests {

	private static final String HOST = env("CONCORD_TEST_PG_HOST", "127.0.0.1");

	private static final String PORT = env("CONCORD_TEST_PG_PORT", "5432");

	private static final String USER = env("CONCORD_TEST_PG_USER", "postgres");

	private static final String PASSWORD = env("CONCORD_TEST_PG_PASSWORD", "");

	private String database;

	@Override
	protected DataSource createDatabase() throws SQLException {
		this.database = "concord_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
			.toLowerCase(Locale.ROOT);
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + this.database);
		}
		return new DriverManagerDataSource(url(this.database), USER, PASSWORD);
	}

	@AfterEach
	void dropDatabase() throws SQLException {
		if (this.database == null) {
			return;
		}
		try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.database + " WITH (FORCE)");
		}
	}

	private static Connection adminConnection() throws SQLException {
		try {
			return DriverManager.getConnection(url("postgres"), USER, PASSWORD);
		}
		catch (SQLException ex) {
			String message = "PostgreSQL is not reachable at " + HOST + ":" + PORT + " as " + USER + " ("
					+ ex.getMessage() + ")";
			TestDatabases.skipUnlessCi(message, "PostgreSQL store contract tests", ex);
			throw ex;
		}
	}

	private static String url(String database) {
		return "jdbc:postgresql://" + HOST + ":" + PORT + "/" + database;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value == null || value.isBlank()) ? fallback : value;
	}

}
