package care.concord.server.identity;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link IdentityStoreContract} on an H2 in-memory database in PostgreSQL mode, the
 * default development database.
 */
class IdentityStoreH2Tests extends IdentityStoreContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("identity"), "sa", 4, "identity");
		TestDatabases.migrate(dataSource);
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	@Override
	protected DataSource dataSource() {
		return dataSource;
	}

}
