package care.concord.server.agency;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link AgencyRepositoryContract} on an H2 in-memory database in PostgreSQL mode, as the
 * server's default.
 */
class AgencyRepositoryH2Tests extends AgencyRepositoryContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("agency"), "sa", 4, "agency");
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
