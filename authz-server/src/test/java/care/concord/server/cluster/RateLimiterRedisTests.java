package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;

import care.concord.server.MutableClock;
import care.concord.server.RequiresService;
import care.concord.server.TestServices.Service;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RateLimiterContract} for {@link RedisRateLimiter} on the machine's Redis (a key
 * prefix of its own per test), plus what only it does: share the budget between nodes,
 * and count on the node while Redis is down.
 */
@RequiresService(Service.REDIS)
class RateLimiterRedisTests extends RateLimiterContract {

	private static final Duration WINDOW = Duration.ofMinutes(10);

	private final String prefix = TestRedis.prefix();

	@Override
	protected RateLimiter limiter(MutableClock clock) {
		return new RedisRateLimiter(TestRedis.shared(), clock, this.prefix);
	}

	@Test
	void exhaustedWhenFailuresCountedOnAnotherNodeThenRefusedHereWithoutCounting() {
		RedisRateLimiter nodeA = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), this.prefix);
		RedisRateLimiter nodeB = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), this.prefix);
		for (int i = 0; i < 3; i++) {
			assertThat(nodeB.exhausted("failures", "client-1", 3, WINDOW)).isZero();
			nodeA.acquire("failures", "client-1", 3, WINDOW);
		}
		assertThat(nodeB.exhausted("failures", "client-1", 3, WINDOW)).isPositive().isLessThanOrEqualTo(WINDOW);
		assertThat(nodeB.exhausted("failures", "client-1", 4, WINDOW)).isZero();
		assertThat(nodeB.exhausted("failures", "client-2", 3, WINDOW)).isZero();
	}

	@Test
	void acquireWhenTwoNodesShareRedisThenBudgetIsShared() {
		RateLimiter nodeA = limiter(this.clock);
		RateLimiter nodeB = limiter(this.clock);
		int allowed = 0;
		Duration refusal = Duration.ZERO;
		for (int i = 0; i < 20; i++) {
			Duration retry = ((i % 2 == 0) ? nodeA : nodeB).acquire("token", "client-1", 7, WINDOW);
			if (retry.isZero()) {
				allowed++;
			}
			else {
				refusal = retry;
			}
		}
		assertThat(allowed).isEqualTo(7);
		assertThat(refusal).isPositive().isLessThanOrEqualTo(WINDOW);
	}

	@Test
	void acquireWhenRedisDownThenCountsOnThisNode() {
		RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.down(), Clock.systemUTC(), TestRedis.prefix());
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isZero();
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isZero();
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isPositive();
	}

}
