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

/**
 * Databases for the tests that run without a Spring context: an H2 in-memory database or
 * a PostgreSQL database on 127.0.0.1:5432 (user postgres, trust auth), each migrated with
 * the application's Flyway migrations. Shared by the audit, identity and consent store
 * tests.
 */
public final class TestDatabases {

	/**
	 * The settings of the server's H2 URL (application.yml), so that tests see the same
	 * identifier rules.
	 */
	public static final String H2_SETTINGS = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

	private TestDatabases() {
	}

	/**
	 * A fresh named H2 in-memory database in PostgreSQL mode (lives while the JVM does),
	 * named after {@code feature}.
	 */
	public static String newH2Url(String feature) {
		return "jdbc:h2:mem:" + feature + "-" + UUID.randomUUID() + ";" + H2_SETTINGS + ";DB_CLOSE_DELAY=-1";
	}

	/**
	 * A small connection pool, as one node would have, on the given database; named after
	 * {@code feature}.
	 */
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
	 * Re-creates {@code database} on the test PostgreSQL and returns its JDBC URL. Tests
	 * calling it are annotated {@code @RequiresService(Service.POSTGRESQL)}, which skips
	 * them (fails them under {@code CI=true}) when PostgreSQL is not there.
	 * @param database the database to drop and create
	 * @param tests what needs it, for the message, e.g.
	 * {@code "PostgreSQL audit chain tests"}
	 */
	public static String recreatePostgresDatabase(String database, String tests) {
		try (Connection admin = DriverManager.getConnection(postgresUrl("postgres"), "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + database);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("the " + tests + " cannot create database " + database + " on "
					+ postgresUrl("") + ": " + ex.getMessage(), ex);
		}
		return postgresUrl(database);
	}

	/**
	 * Drops {@code database} from the test PostgreSQL (closing whatever still uses it).
	 */
	public static void dropPostgresDatabase(String database) {
		try (Connection admin = DriverManager.getConnection(postgresUrl("postgres"), "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot drop database " + database + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * The JDBC URL of {@code database} on the test PostgreSQL
	 * ({@link TestServices#postgresHost()}).
	 */
	public static String postgresUrl(String database) {
		return "jdbc:postgresql://" + TestServices.postgresHost() + ":" + TestServices.postgresPort() + "/" + database;
	}

}
