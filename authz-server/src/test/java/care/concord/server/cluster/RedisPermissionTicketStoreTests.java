package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import care.concord.server.uma.PermissionTicket;
import care.concord.server.uma.UmaPermission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RedisPermissionTicketStoreTests {

	private static PermissionTicket ticket(Instant now, Duration life) {
		return new PermissionTicket("RR8", "rr8-client",
				List.of(new UmaPermission("res-1", Set.of("read"))), now, now.plus(life));
	}

	@Test
	void takeWhenIssuedThenReturnsItOnceOnAnyNode() {
		String prefix = TestRedis.prefix();
		RedisPermissionTicketStore nodeA = new RedisPermissionTicketStore(TestRedis.shared(), Clock.systemUTC(), prefix);
		RedisPermissionTicketStore nodeB = new RedisPermissionTicketStore(TestRedis.shared(), Clock.systemUTC(), prefix);
		Instant now = Instant.now();
		String value = nodeA.issue(ticket(now, Duration.ofMinutes(5)));

		Optional<PermissionTicket> taken = nodeB.take(value);

		assertThat(taken).isPresent();
		assertThat(taken.get().resourceServer()).isEqualTo("RR8");
		assertThat(taken.get().permissions()).containsExactly(new UmaPermission("res-1", Set.of("read")));
		assertThat(nodeA.take(value)).isEmpty();
		assertThat(nodeB.take(value)).isEmpty();
	}

	@Test
	void takeWhenRacedByManyThreadsThenExactlyOneWins() throws Exception {
		String prefix = TestRedis.prefix();
		RedisPermissionTicketStore store = new RedisPermissionTicketStore(TestRedis.shared(), Clock.systemUTC(), prefix);
		String value = store.issue(ticket(Instant.now(), Duration.ofMinutes(5)));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Callable<Boolean>> takes = java.util.stream.IntStream.range(0, 16)
				.<Callable<Boolean>>mapToObj((i) -> () -> store.take(value).isPresent())
				.toList();
			long winners = 0;
			for (Future<Boolean> result : pool.invokeAll(takes)) {
				winners += result.get() ? 1 : 0;
			}
			assertThat(winners).isEqualTo(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void takeWhenExpiredThenEmpty() throws Exception {
		RedisPermissionTicketStore store = new RedisPermissionTicketStore(TestRedis.shared(), Clock.systemUTC(),
				TestRedis.prefix());
		String value = store.issue(ticket(Instant.now(), Duration.ofMillis(300)));
		Thread.sleep(600);
		assertThat(store.take(value)).isEmpty();
	}

	@Test
	void takeWhenUnknownOrOversizedThenEmpty() {
		RedisPermissionTicketStore store = new RedisPermissionTicketStore(TestRedis.shared(), Clock.systemUTC(),
				TestRedis.prefix());
		assertThat(store.take("no-such-ticket")).isEmpty();
		assertThat(store.take("x".repeat(10_000))).isEmpty();
		assertThat(store.take("")).isEmpty();
	}

	@Test
	void issueAndTakeWhenRedisDownThenFailClosed() {
		RedisPermissionTicketStore store = new RedisPermissionTicketStore(TestRedis.down(), Clock.systemUTC(),
				TestRedis.prefix());
		assertThatExceptionOfType(SharedStateUnavailableException.class)
			.isThrownBy(() -> store.issue(ticket(Instant.now(), Duration.ofMinutes(5))));
		assertThatExceptionOfType(SharedStateUnavailableException.class).isThrownBy(() -> store.take("abc"));
	}

}
