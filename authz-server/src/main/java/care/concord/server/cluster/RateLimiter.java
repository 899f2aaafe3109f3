package care.concord.server.cluster;

import java.time.Duration;

/**
 * Per-client request budgets on the token and decision endpoints, in fixed windows. With
 * Redis the budget is shared by every node ({@link RedisRateLimiter}); without it each
 * node counts alone ({@link LocalRateLimiter}).
 */
public interface RateLimiter {

	/**
	 * Counts one request of a client against a budget.
	 * @param bucket the budget's name (for example {@code token} or {@code decision})
	 * @param clientId the client the request is counted for
	 * @param limit requests allowed per window
	 * @param window the window length
	 * @return {@link Duration#ZERO} when the request is within the budget, otherwise how
	 * long until the window ends
	 */
	Duration acquire(String bucket, String clientId, int limit, Duration window);

	/**
	 * Whether a key has used up its budget in the current window, without counting
	 * anything: for budgets of failures (counted with {@link #acquire} when one happens)
	 * that refuse further attempts once spent.
	 * @return {@link Duration#ZERO} while fewer than {@code limit} were counted,
	 * otherwise how long until the window ends
	 */
	Duration exhausted(String bucket, String clientId, int limit, Duration window);

}
