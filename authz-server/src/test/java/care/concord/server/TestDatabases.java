package care.concord.server;

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
 * Databases for the tests that run without a Spring context: an H2 in-memory database or a PostgreSQL database on
 * 127.0.0.1:5432 (user postgres, trust auth), each migrated with the application's Flyway migrations. Shared by
 * the audit, identity and consent store tests.
 */
public final class TestDatabases {

	public static final String POSTGRES_HOST_URL = "jdbc:postgresql://127.0.0.1:5432/";

	/** The settings of the server's H2 URL (application.yml), so that tests see the same identifier rules. */
	public static final String H2_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	private TestDatabases() {
	}

	/**
	 * A fresh named H2 in-memory database in PostgreSQL mode (lives while the JVM does), named after
	 * {@code feature}.
	 */
	public static String newH2Url(String feature) {
		return "jdbc:h2:mem:" + feature + "-" + UUID.randomUUID() + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
	}

	/** A small connection pool, as one node would have, on the given database; named after {@code feature}. */
	public static HikariDataSource pool(String url, String user, int size, String feature) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername(user);
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(0);
		config.setPoolName(feature + "-test-" + UUID.randomUUID());
		return new HikariDataSource(config);
	}

	public static void migrate(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

	/**
	 * Re-creates {@code database} on the local PostgreSQL and returns its JDBC URL; aborts the test (fails it when
	 * {@code CI=true}) when PostgreSQL does not answer.
	 * @param database the database to drop and create
	 * @param tests what is skipped, for the message, e.g. {@code "PostgreSQL audit chain tests"}
	 */
	public static String recreatePostgresDatabase(String database, String tests) {
		try (Connection admin = DriverManager.getConnection(POSTGRES_HOST_URL + "postgres", "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			skipUnlessCi("PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth) is not reachable: "
					+ ex.getMessage(), tests, ex);
		}
		return POSTGRES_HOST_URL + database;
	}

	/**
	 * Aborts the test because PostgreSQL is not reachable, or, when {@code CI=true}, fails it instead.
	 * @param message what could not be reached and why
	 * @param tests what is skipped, for the message, e.g. {@code "PostgreSQL audit chain tests"}
	 * @param cause the connection failure
	 */
	public static void skipUnlessCi(String message, String tests, Exception cause) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(message + " (CI=true, so this fails instead of skipping)", cause);
		}
		Assumptions.abort(message + "; skipping the " + tests);
	}

}
