package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimiterTests {

	private static final Duration WINDOW = Duration.ofMinutes(10);

	@Test
	void acquireWhenTwoNodesShareRedisThenBudgetIsShared() {
		String prefix = TestRedis.prefix();
		RedisRateLimiter nodeA = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), prefix);
		RedisRateLimiter nodeB = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), prefix);
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
		assertThat(nodeB.acquire("token", "client-2", 7, WINDOW)).isZero();
		assertThat(nodeB.acquire("decision", "client-1", 7, WINDOW)).isZero();
	}

	@Test
	void acquireWhenRedisDownThenCountsOnThisNode() {
		RedisRateLimiter limiter = new RedisRateLimiter(TestRedis.down(), Clock.systemUTC(), TestRedis.prefix());
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isZero();
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isZero();
		assertThat(limiter.acquire("token", "client-1", 2, WINDOW)).isPositive();
	}

	@Test
	void acquireWhenWindowRollsOverThenBudgetRenews() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
		LocalRateLimiter limiter = new LocalRateLimiter(clock);
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isZero();
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
		clock.now = clock.now.plusSeconds(61);
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isZero();
	}

	@Test
	void exhaustedWhenFailuresCountedOnAnotherNodeThenRefusedHereWithoutCounting() {
		String prefix = TestRedis.prefix();
		RedisRateLimiter nodeA = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), prefix);
		RedisRateLimiter nodeB = new RedisRateLimiter(TestRedis.shared(), Clock.systemUTC(), prefix);
		for (int i = 0; i < 3; i++) {
			assertThat(nodeB.exhausted("failures", "client-1", 3, WINDOW)).isZero();
			nodeA.acquire("failures", "client-1", 3, WINDOW);
		}
		assertThat(nodeB.exhausted("failures", "client-1", 3, WINDOW)).isPositive().isLessThanOrEqualTo(WINDOW);
		assertThat(nodeB.exhausted("failures", "client-1", 4, WINDOW)).isZero(); // looking counted nothing
		assertThat(nodeB.exhausted("failures", "client-2", 3, WINDOW)).isZero();
	}

	@Test
	void exhaustedWhenLocalWindowRollsOverThenZero() {
		MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));
		LocalRateLimiter limiter = new LocalRateLimiter(clock);
		limiter.acquire("failures", "c", 1, Duration.ofMinutes(1));
		assertThat(limiter.exhausted("failures", "c", 1, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
		assertThat(limiter.exhausted("failures", "c", 2, Duration.ofMinutes(1))).isZero();
		clock.now = clock.now.plusSeconds(61);
		assertThat(limiter.exhausted("failures", "c", 1, Duration.ofMinutes(1))).isZero();
	}

	static final class MutableClock extends Clock {

		Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
