package care.concord.server.oauth;

import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link JdbcStoreContractTests} on H2 in PostgreSQL mode (the default database), a fresh in-memory database
 * per test. One connection stays open for the whole test, as the application's pool does: H2 evaluates check
 * constraints with the session that created them.
 */
class H2JdbcStoreContractTests extends JdbcStoreContractTests {

	private SingleConnectionDataSource dataSource;

	@Override
	protected DataSource createDatabase() {
		this.dataSource = new SingleConnectionDataSource("jdbc:h2:mem:contract-" + UUID.randomUUID()
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "", true);
		return this.dataSource;
	}

	@AfterEach
	void closeDatabase() {
		this.dataSource.destroy();
	}

}
