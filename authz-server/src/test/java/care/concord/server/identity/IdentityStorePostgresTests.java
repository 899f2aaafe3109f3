package care.concord.server.identity;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link IdentityStoreContract} on a real PostgreSQL (127.0.0.1:5432, user postgres, trust auth) in its own
 * database {@value IdentityTestDatabases#POSTGRES_DATABASE}. Skipped with a message when PostgreSQL is not
 * reachable, except when {@code CI=true}, where that fails.
 */
class IdentityStorePostgresTests extends IdentityStoreContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		String url = IdentityTestDatabases.recreatePostgresDatabase();
		dataSource = IdentityTestDatabases.pool(url, "postgres", 4);
		IdentityTestDatabases.migrate(dataSource);
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
