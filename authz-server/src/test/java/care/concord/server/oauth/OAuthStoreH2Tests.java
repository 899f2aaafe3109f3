package care.concord.server.oauth;

import javax.sql.DataSource;

import care.concord.server.TestDatabases;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link OAuthStoreContract} on H2 in PostgreSQL mode (the default database), a fresh
 * in-memory database per test. Every statement runs on a new connection, so the
 * migration's connection is closed before the stores run, as happens when a pool recycles
 * connections (this catches H2's session-bound CHECK constraints).
 */
class OAuthStoreH2Tests extends OAuthStoreContract {

	private DataSource dataSource;

	@Override
	protected DataSource createDatabase() {
		this.dataSource = new DriverManagerDataSource(TestDatabases.newH2Url("contract"), "sa", "");
		return this.dataSource;
	}

	@AfterEach
	void dropDatabase() {
		new JdbcTemplate(this.dataSource).execute("SHUTDOWN");
	}

}
