package care.concord.server.people;

import javax.sql.DataSource;

import care.concord.server.RequiresService;
import care.concord.server.TestDatabases;
import care.concord.server.TestServices.Service;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PersonRepositoryContract} on a real PostgreSQL (127.0.0.1:5432, user postgres,
 * trust auth) in its own database {@value #DATABASE}. Skipped with a message when
 * PostgreSQL is not reachable, except when {@code CI=true}, where that fails.
 */
@RequiresService(Service.POSTGRESQL)
class PersonRepositoryPostgresTests extends PersonRepositoryContract {

	static final String DATABASE = "concord_person_test";

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		String url = TestDatabases.recreatePostgresDatabase(DATABASE, "PostgreSQL person repository tests");
		dataSource = TestDatabases.pool(url, "postgres", 4, "person");
		TestDatabases.migrate(dataSource);
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
