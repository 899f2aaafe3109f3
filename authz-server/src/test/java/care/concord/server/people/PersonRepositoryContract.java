package care.concord.server.people;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PersonRepository}'s SQL against every database Concord supports (H2 in
 * PostgreSQL mode, PostgreSQL): people and their roles round-trip, a save of a stored
 * person updates it (and leaves the sign-in throttle's columns alone), the role queries
 * answer the same, and locking the holders of a role serialises two transactions.
 */
abstract class PersonRepositoryContract {

	private static final Instant CREATED = Instant.parse("2026-01-15T09:30:00.123456Z");

	protected abstract DataSource dataSource();

	private JdbcTemplate jdbc;

	private PersonRepository people;

	private TransactionTemplate transactions;

	@BeforeEach
	void createRepository() {
		this.jdbc = new JdbcTemplate(dataSource());
		this.jdbc.update("DELETE FROM person_role");
		this.jdbc.update("DELETE FROM person");
		this.people = new PersonRepository(this.jdbc);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource()));
	}

	@Test
	void aSavedPersonIsReadBackWithRoles() {
		Person person = new Person("alice", "{argon2}hash", "Alice Smith", "9434765919", Set.of("citizen"), CREATED);

		Person saved = this.transactions.execute((tx) -> this.people.save(person));
		assertThat(saved).isSameAs(person);

		Person read = this.people.findById("alice").orElseThrow();
		assertThat(read.getUsername()).isEqualTo("alice");
		assertThat(read.getPasswordHash()).isEqualTo("{argon2}hash");
		assertThat(read.getDisplayName()).isEqualTo("Alice Smith");
		assertThat(read.getNhsNumber()).isEqualTo("9434765919");
		assertThat(read.isEnabled()).isTrue();
		assertThat(read.getCreatedAt()).isEqualTo(CREATED);
		assertThat(read.getRoles()).containsExactly("citizen");
		assertThat(this.people.existsById("alice")).isTrue();
		assertThat(this.people.existsById("bob")).isFalse();
		assertThat(this.people.findById("bob")).isEmpty();
		assertThat(this.people.findByNhsNumber("9434765919")).map(Person::getUsername).contains("alice");
		assertThat(this.people.findByNhsNumber("9434765870")).isEmpty();
		assertThat(this.people.count()).isOne();
	}

	@Test
	void savingAStoredPersonUpdatesColumnsAndRolesButNotTheThrottle() {
		this.people.save(new Person("carol", "old-hash", "Carol", null, Set.of("admin", "ig-officer"), CREATED));
		this.jdbc.update("UPDATE person SET failed_logins = 4 WHERE username = 'carol'");

		Person stored = this.people.findById("carol").orElseThrow();
		assertThat(stored.getRoles()).containsExactlyInAnyOrder("admin", "ig-officer");
		stored.setRoles(Set.of("citizen", "ig-officer"), "9434765919");
		stored.setPasswordHash("new-hash");
		stored.setEnabled(false);
		this.transactions.executeWithoutResult((tx) -> this.people.save(stored));

		Person read = this.people.findById("carol").orElseThrow();
		assertThat(read.getRoles()).containsExactlyInAnyOrder("citizen", "ig-officer");
		assertThat(read.getNhsNumber()).isEqualTo("9434765919");
		assertThat(read.getPasswordHash()).isEqualTo("new-hash");
		assertThat(read.isEnabled()).isFalse();
		assertThat(read.getCreatedAt()).isEqualTo(CREATED);
		assertThat(this.jdbc.queryForObject("SELECT failed_logins FROM person WHERE username = 'carol'", Integer.class))
			.isEqualTo(4);
		assertThat(this.jdbc.queryForList("SELECT role FROM person_role WHERE username = 'carol' ORDER BY role",
				String.class))
			.containsExactly("citizen", "ig-officer");
	}

	@Test
	void peopleAreListedByUsernameWithTheirRoles() {
		this.people.save(new Person("zed", "h", null, null, Set.of("admin"), CREATED));
		this.people.save(new Person("amy", "h", null, null, Set.of("ig-officer", "admin"), CREATED));
		this.people.save(new Person("max", "h", null, null, Set.of(), CREATED));

		List<Person> all = this.people.findAllByOrderByUsernameAsc();

		assertThat(all).extracting(Person::getUsername).containsExactly("amy", "max", "zed");
		assertThat(all.get(0).getRoles()).containsExactlyInAnyOrder("admin", "ig-officer");
		assertThat(all.get(1).getRoles()).isEmpty();
		assertThat(all.get(2).getRoles()).containsExactly("admin");
	}

	@Test
	void onlyEnabledHoldersOfARoleCount() {
		this.people.save(new Person("admin-1", "h", null, null, Set.of("admin"), CREATED));
		this.people.save(new Person("officer", "h", null, null, Set.of("ig-officer"), CREATED));
		assertThat(this.people.existsEnabledWithRole("admin")).isTrue();

		Person admin = this.people.findById("admin-1").orElseThrow();
		admin.setEnabled(false);
		this.people.save(admin);

		assertThat(this.people.existsEnabledWithRole("admin")).isFalse();
		assertThat(this.people.existsEnabledWithRole("ig-officer")).isTrue();
		List<Person> officers = this.transactions.execute((tx) -> this.people.lockEnabledWithRole("ig-officer"));
		List<Person> admins = this.transactions.execute((tx) -> this.people.lockEnabledWithRole("admin"));
		assertThat(officers).extracting(Person::getUsername).containsExactly("officer");
		assertThat(admins).isEmpty();
	}

	@Test
	void aSecondNhsNumberBindingIsRefused() {
		this.people.save(new Person("first", "h", null, "9434765919", Set.of("citizen"), CREATED));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult((tx) -> this.people
				.save(new Person("second", "h", null, "9434765919", Set.of("citizen"), CREATED))));
		assertThat(this.people.existsById("second")).isFalse();
	}

	@Test
	void lockingTheHoldersOfARoleMakesASecondLockerWait() throws Exception {
		this.people.save(new Person("admin-a", "h", null, null, Set.of("admin"), CREATED));
		this.people.save(new Person("admin-b", "h", null, null, Set.of("admin"), CREATED));
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(2);
		try {
			Future<?> first = executor.submit(() -> this.transactions.executeWithoutResult((tx) -> {
				assertThat(this.people.lockEnabledWithRole("admin")).hasSize(2);
				locked.countDown();
				await(release);
			}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			Future<List<Person>> second = executor
				.submit(() -> this.transactions.execute((tx) -> this.people.lockEnabledWithRole("admin")));
			Thread.sleep(300);
			assertThat(second.isDone()).as("second locker waits for the first transaction").isFalse();
			release.countDown();
			first.get(10, TimeUnit.SECONDS);
			assertThat(second.get(10, TimeUnit.SECONDS)).hasSize(2);
		}
		finally {
			release.countDown();
			executor.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
