package care.concord.server.audit;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link AuditChainContract} on an H2 in-memory database in PostgreSQL mode, the default
 * development database.
 */
class AuditChainH2Tests extends AuditChainContract {

	private static String url;

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		url = TestDatabases.newH2Url(AuditTestDatabases.FEATURE);
		dataSource = TestDatabases.pool(url, "sa", 4, AuditTestDatabases.FEATURE);
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

	@Override
	protected DataSource secondNode() {
		return TestDatabases.pool(url, "sa", 4, AuditTestDatabases.FEATURE);
	}

	@Override
	protected void close(DataSource node) {
		((HikariDataSource) node).close();
	}

}
