package care.concord.server.cluster;

import care.concord.server.MutableClock;

/**
 * {@link RateLimiterContract} for {@link LocalRateLimiter}, the budget of one node.
 */
class RateLimiterLocalTests extends RateLimiterContract {

	@Override
	protected RateLimiter limiter(MutableClock clock) {
		return new LocalRateLimiter(clock);
	}

}
