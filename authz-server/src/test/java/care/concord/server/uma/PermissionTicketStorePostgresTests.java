package care.concord.server.uma;

import java.util.Locale;
import java.util.UUID;

import care.concord.server.MutableClock;
import care.concord.server.RequiresService;
import care.concord.server.TestDatabases;
import care.concord.server.TestServices.Service;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link PermissionTicketStoreContract} for {@link JdbcPermissionTicketStore} on a real
 * PostgreSQL, two nodes as two connection pools on a database of its own (dropped
 * afterwards).
 */
@RequiresService(Service.POSTGRESQL)
class PermissionTicketStorePostgresTests extends PermissionTicketStoreContract {

	private static final String DATABASE = "concord_uma_tickets_"
			+ UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);

	private static HikariDataSource nodeA;

	private static HikariDataSource nodeB;

	@BeforeAll
	static void createDatabase() {
		String url = TestDatabases.recreatePostgresDatabase(DATABASE, "PostgreSQL permission ticket store tests");
		nodeA = TestDatabases.pool(url, "postgres", 4, "uma");
		nodeB = TestDatabases.pool(url, "postgres", 4, "uma");
		TestDatabases.migrate(nodeA);
	}

	@AfterAll
	static void dropDatabase() {
		nodeA.close();
		nodeB.close();
		TestDatabases.dropPostgresDatabase(DATABASE);
	}

	@Override
	protected PermissionTicketStore createStore(MutableClock clock) {
		return PermissionTicketStoreH2Tests.jdbcStore(nodeA, clock);
	}

	@Override
	protected PermissionTicketStore secondNode(MutableClock clock) {
		return PermissionTicketStoreH2Tests.jdbcStore(nodeB, clock);
	}

}
