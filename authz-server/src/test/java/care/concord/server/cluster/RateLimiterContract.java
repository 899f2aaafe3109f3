package care.concord.server.cluster;

import java.time.Duration;
import java.time.Instant;

import care.concord.server.Concurrently;
import care.concord.server.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RateLimiter} promises: per bucket and client, {@code limit} requests
 * per fixed window, then the time left until the window ends; the next window starts a
 * fresh budget; concurrent requests never overdraw it. Subclasses supply the limiter:
 * {@code RateLimiterLocalTests}, {@code RateLimiterRedisTests}.
 */
abstract class RateLimiterContract {

	private static final Duration WINDOW = Duration.ofMinutes(10);

	/** 10:00:00 UTC on a day, so windows of whole minutes start on it. */
	protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T10:00:00Z"));

	/** A limiter on an empty (or private) state, reading {@code clock}. */
	protected abstract RateLimiter limiter(MutableClock clock);

	@Test
	void acquireWhenBudgetSpentThenRetryAfterTheWindowEnds() {
		RateLimiter limiter = limiter(this.clock);
		for (int i = 0; i < 3; i++) {
			assertThat(limiter.acquire("token", "client-1", 3, WINDOW)).isZero();
		}
		this.clock.advance(Duration.ofMinutes(4));
		assertThat(limiter.acquire("token", "client-1", 3, WINDOW)).isEqualTo(Duration.ofMinutes(6));
	}

	@Test
	void acquireWhenOtherClientOrBucketThenOwnBudget() {
		RateLimiter limiter = limiter(this.clock);
		assertThat(limiter.acquire("token", "client-1", 1, WINDOW)).isZero();
		assertThat(limiter.acquire("token", "client-1", 1, WINDOW)).isPositive();
		assertThat(limiter.acquire("token", "client-2", 1, WINDOW)).isZero();
		assertThat(limiter.acquire("decision", "client-1", 1, WINDOW)).isZero();
	}

	@Test
	void acquireWhenWindowRollsOverThenBudgetRenews() {
		RateLimiter limiter = limiter(this.clock);
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isZero();
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isEqualTo(Duration.ofMinutes(1));
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(limiter.acquire("token", "c", 1, Duration.ofMinutes(1))).isZero();
	}

	@Test
	void exhaustedWhenBudgetSpentThenRetryAfterWithoutCountingAndZeroOnceTheWindowRollsOver() {
		RateLimiter limiter = limiter(this.clock);
		Duration window = Duration.ofMinutes(1);
		assertThat(limiter.exhausted("failures", "c", 1, window)).isZero();
		limiter.acquire("failures", "c", 1, window);
		assertThat(limiter.exhausted("failures", "c", 1, window)).isPositive().isLessThanOrEqualTo(window);
		assertThat(limiter.exhausted("failures", "c", 2, window)).as("looking counted nothing").isZero();
		assertThat(limiter.exhausted("failures", "other", 1, window)).isZero();
		this.clock.advance(Duration.ofSeconds(61));
		assertThat(limiter.exhausted("failures", "c", 1, window)).isZero();
	}

	@Test
	void acquireWhenConcurrentThenNeverMoreThanTheLimit() throws Exception {
		RateLimiter limiter = limiter(this.clock);
		int allowed = Concurrently.countSuccesses(40, 8,
				(i) -> limiter.acquire("token", "client-race", 10, WINDOW).isZero());
		assertThat(allowed).isEqualTo(10);
	}

}
