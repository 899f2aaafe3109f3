package care.concord.server.consent;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ConsentStoreContract} on a real PostgreSQL (127.0.0.1:5432, user postgres, trust auth) in its own
 * database {@value #DATABASE}. Skipped with a message when PostgreSQL is not reachable, except when
 * {@code CI=true}, where that fails.
 */
class ConsentStorePostgresTests extends ConsentStoreContract {

	static final String DATABASE = "concord_consent_test";

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres",
				""); Statement statement = admin.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + DATABASE);
		}
		catch (SQLException ex) {
			String message = "PostgreSQL on 127.0.0.1:5432 is not reachable: " + ex.getMessage();
			if ("true".equalsIgnoreCase(System.getenv("CI"))) {
				throw new IllegalStateException(message + " (CI=true, so this fails instead of skipping)", ex);
			}
			Assumptions.abort(message + "; skipping the PostgreSQL consent store tests");
		}
		dataSource = new HikariDataSource();
		dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:5432/" + DATABASE);
		dataSource.setUsername("postgres");
		dataSource.setMaximumPoolSize(6);
		Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
	}

	@AfterAll
	static void closeDatabase() {
		if (dataSource != null) {
			dataSource.close();
		}
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
