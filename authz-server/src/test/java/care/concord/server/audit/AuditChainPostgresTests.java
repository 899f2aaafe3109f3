package care.concord.server.audit;

import javax.sql.DataSource;

import care.concord.server.RequiresService;
import care.concord.server.TestDatabases;
import care.concord.server.TestServices.Service;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link AuditChainContract} on a real PostgreSQL (127.0.0.1:5432, user postgres, trust
 * auth) in its own database {@value AuditTestDatabases#POSTGRES_DATABASE}. Skipped with a
 * message when PostgreSQL is not reachable, except when {@code CI=true}, where that
 * fails.
 */
@RequiresService(Service.POSTGRESQL)
class AuditChainPostgresTests extends AuditChainContract {

	private static String url;

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		url = TestDatabases.recreatePostgresDatabase(AuditTestDatabases.POSTGRES_DATABASE,
				"PostgreSQL audit chain tests");
		dataSource = TestDatabases.pool(url, "postgres", 4, AuditTestDatabases.FEATURE);
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

	@Override
	protected DataSource secondNode() {
		return TestDatabases.pool(url, "postgres", 4, AuditTestDatabases.FEATURE);
	}

	@Override
	protected void close(DataSource node) {
		((HikariDataSource) node).close();
	}

}
