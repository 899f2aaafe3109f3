package care.concord.server.uma;

import java.time.Duration;

import care.concord.server.MutableClock;
import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PermissionTicketStoreContract} for {@link JdbcPermissionTicketStore} on H2 in
 * PostgreSQL mode (the default database), plus what only the JDBC store does: keep only
 * the ticket's hash, purge expired rows.
 */
class PermissionTicketStoreH2Tests extends PermissionTicketStoreContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("uma-tickets"), "sa", 8, "uma");
		TestDatabases.migrate(dataSource);
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	static JdbcPermissionTicketStore jdbcStore(HikariDataSource dataSource, MutableClock clock) {
		return new JdbcPermissionTicketStore(new JdbcTemplate(dataSource),
				new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
	}

	@Override
	protected PermissionTicketStore createStore(MutableClock clock) {
		return jdbcStore(dataSource, clock);
	}

	@Override
	protected PermissionTicketStore secondNode(MutableClock clock) {
		return jdbcStore(dataSource, clock);
	}

	@Test
	void issueWhenCalledThenOnlyTheHashStored() {
		String value = this.store.issue(ticket(Duration.ofMinutes(5)));
		Integer plain = new JdbcTemplate(dataSource)
			.queryForObject("SELECT COUNT(*) FROM uma_permission_ticket WHERE ticket_hash = ?", Integer.class, value);
		assertThat(plain).isZero();
	}

	@Test
	void purgeExpiredWhenTicketsExpiredThenDeleted() {
		JdbcPermissionTicketStore jdbc = (JdbcPermissionTicketStore) this.store;
		String value = jdbc.issue(ticket(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(jdbc.purgeExpired()).isPositive();
		this.clock.advance(Duration.ofMinutes(-2));
		assertThat(jdbc.take(value)).isEmpty();
	}

	@Test
	void referenceWhenComputedThenStableAndNotTheTicket() {
		assertThat(PermissionTicketValues.reference("abc")).isEqualTo(PermissionTicketValues.reference("abc"))
			.startsWith("tkt:")
			.hasSize(36)
			.doesNotContain("abc");
	}

}
