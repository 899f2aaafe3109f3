package care.concord.server.uma;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import care.concord.server.Concurrently;
import care.concord.server.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PermissionTicketStore} promises (its state diagram): a ticket is
 * taken at most once, on any node, until it expires; unknown, malformed and expired
 * tickets are simply absent. Subclasses supply the store on one node and a second node
 * sharing its state: {@code PermissionTicketStoreH2Tests},
 * {@code PermissionTicketStorePostgresTests}, {@code PermissionTicketStoreRedisTests},
 * {@code PermissionTicketStoreInMemoryTests}.
 */
abstract class PermissionTicketStoreContract {

	/** A clock the tests move; stores keep timestamps to the millisecond at least. */
	protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

	protected PermissionTicketStore store;

	/** A store on an empty (or private) state, reading {@code clock}. */
	protected abstract PermissionTicketStore createStore(MutableClock clock);

	/** Another node's store sharing the state of {@link #store}. */
	protected abstract PermissionTicketStore secondNode(MutableClock clock);

	@BeforeEach
	void createStore() {
		this.store = createStore(this.clock);
	}

	protected PermissionTicket ticket(Duration ttl) {
		Instant now = this.clock.instant();
		return new PermissionTicket("RR8", "rr8-client",
				List.of(new UmaPermission("r1", Set.of("read")), new UmaPermission("r2", Set.of("read", "write"))), now,
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
	void takeWhenIssuedOnOneNodeThenTakenOnceOnAnother() {
		PermissionTicket ticket = ticket(Duration.ofMinutes(5));
		PermissionTicketStore other = secondNode(this.clock);
		String value = this.store.issue(ticket);
		assertThat(other.take(value)).contains(ticket);
		assertThat(this.store.take(value)).isEmpty();
		assertThat(other.take(value)).isEmpty();
	}

	@Test
	void issueWhenCalledThenAtLeast128RandomBits() {
		String value = this.store.issue(ticket(Duration.ofMinutes(5)));
		assertThat(value).hasSizeGreaterThanOrEqualTo(22);
		assertThat(this.store.issue(ticket(Duration.ofMinutes(5)))).isNotEqualTo(value);
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
		PermissionTicketStore other = secondNode(this.clock);
		for (int round = 0; round < 10; round++) {
			String value = this.store.issue(ticket(Duration.ofMinutes(5)));
			int winners = Concurrently.countSuccesses(6, 6,
					(i) -> ((i % 2 == 0) ? this.store : other).take(value).isPresent());
			assertThat(winners).isEqualTo(1);
		}
	}

}
