package care.concord.server.uma;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import care.concord.server.ConcordIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JdbcPermissionTicketStore} on the shared test database, with a clock the test moves.
 */
@ConcordIntegrationTest
class JdbcPermissionTicketStoreTests {

	@Autowired
	JdbcOperations jdbc;

	@Autowired
	PlatformTransactionManager transactionManager;

	MutableClock clock;

	JdbcPermissionTicketStore store;

	@BeforeEach
	void store() {
		// timestamps are stored to the microsecond
		this.clock = new MutableClock(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
		this.store = new JdbcPermissionTicketStore(this.jdbc, new TransactionTemplate(this.transactionManager),
				this.clock);
	}

	PermissionTicket ticket(Duration ttl) {
		Instant now = this.clock.instant();
		return new PermissionTicket("RR8", "rr8-client",
				List.of(new UmaPermission("r1", Set.of("read")), new UmaPermission("r2", Set.of("read"))), now,
				now.plus(ttl));
	}

	@Test
	void takeWhenIssuedThenSamePermissionsOnce() {
		PermissionTicket ticket = ticket(Duration.ofMinutes(5));
		String value = this.store.issue(ticket);
		assertThat(this.store.take(value)).contains(ticket);
		assertThat(this.store.take(value)).isEmpty();
	}

	@Test
	void issueWhenCalledThenAtLeast128RandomBitsAndOnlyTheHashStored() {
		String value = this.store.issue(ticket(Duration.ofMinutes(5)));
		assertThat(value).hasSizeGreaterThanOrEqualTo(22);
		assertThat(this.store.issue(ticket(Duration.ofMinutes(5)))).isNotEqualTo(value);
		Integer plain = this.jdbc.queryForObject("SELECT COUNT(*) FROM uma_permission_ticket WHERE ticket_hash = ?",
				Integer.class, value);
		assertThat(plain).isZero();
	}

	@Test
	void takeWhenExpiredThenEmpty() {
		String value = this.store.issue(ticket(Duration.ofMinutes(5)));
		this.clock.advance(Duration.ofMinutes(5));
		assertThat(this.store.take(value)).isEmpty();
	}

	@Test
	void takeWhenJustBeforeExpiryThenTaken() {
		String value = this.store.issue(ticket(Duration.ofMinutes(5)));
		this.clock.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(this.store.take(value)).isPresent();
	}

	@Test
	void takeWhenUnknownOrMalformedThenEmpty() {
		assertThat(this.store.take("unknown")).isEmpty();
		assertThat(this.store.take("")).isEmpty();
		assertThat(this.store.take(null)).isEmpty();
		assertThat(this.store.take("x".repeat(10_000))).isEmpty();
	}

	@Test
	void takeWhenRacedThenExactlyOneWinner() throws Exception {
		for (int round = 0; round < 10; round++) {
			String value = this.store.issue(ticket(Duration.ofMinutes(5)));
			int threads = 6;
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				Callable<Optional<PermissionTicket>> take = () -> {
					start.await();
					return this.store.take(value);
				};
				List<Future<Optional<PermissionTicket>>> results = new java.util.ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(take));
				}
				start.countDown();
				int winners = 0;
				for (Future<Optional<PermissionTicket>> result : results) {
					winners += result.get().isPresent() ? 1 : 0;
				}
				assertThat(winners).isEqualTo(1);
			}
			finally {
				executor.shutdownNow();
			}
		}
	}

	@Test
	void purgeExpiredWhenTicketsExpiredThenDeleted() {
		String value = this.store.issue(ticket(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(this.store.purgeExpired()).isPositive();
		this.clock.advance(Duration.ofMinutes(-2));
		assertThat(this.store.take(value)).isEmpty();
	}

	@Test
	void referenceWhenComputedThenStableAndNotTheTicket() {
		assertThat(JdbcPermissionTicketStore.reference("abc")).isEqualTo(JdbcPermissionTicketStore.reference("abc"))
			.startsWith("tkt:")
			.hasSize(36)
			.doesNotContain("abc");
	}

	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
