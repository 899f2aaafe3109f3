package care.concord.server.oauth;

import java.util.Locale;
import java.util.UUID;

import javax.sql.DataSource;

import care.concord.server.RequiresService;
import care.concord.server.TestDatabases;
import care.concord.server.TestServices.Service;
import org.junit.jupiter.api.AfterEach;

import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@link OAuthStoreContract} on a real PostgreSQL: each test creates its own database
 * {@code concord_test_<random>} on {@code CONCORD_TEST_PG_HOST:CONCORD_TEST_PG_PORT}
 * (default {@code 127.0.0.1:5432}, user {@code postgres}, trust authentication) and drops
 * it afterwards.
 */
@RequiresService(Service.POSTGRESQL)
class OAuthStorePostgresTests extends OAuthStoreContract {

	private String database;

	@Override
	protected DataSource createDatabase() {
		this.database = "concord_test_"
				+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
		String url = TestDatabases.recreatePostgresDatabase(this.database, "PostgreSQL OAuth store tests");
		return new DriverManagerDataSource(url, "postgres", "");
	}

	@AfterEach
	void dropDatabase() {
		if (this.database != null) {
			TestDatabases.dropPostgresDatabase(this.database);
		}
	}

}
