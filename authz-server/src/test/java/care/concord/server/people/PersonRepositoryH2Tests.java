package care.concord.server.people;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PersonRepositoryContract} on an H2 in-memory database in PostgreSQL mode, as the
 * server's default.
 */
class PersonRepositoryH2Tests extends PersonRepositoryContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("person"), "sa", 4, "person");
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
