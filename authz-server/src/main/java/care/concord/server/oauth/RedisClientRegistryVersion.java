package care.concord.server.oauth;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;
import care.concord.server.domain.SharedStateUnavailableException;

/**
 * The {@link ClientRegistryVersion} every node shares, as one Redis counter. A change
 * increments it before its transaction commits (so a change that cannot be shared is
 * refused and rolls back: a node must never keep serving a disabled client) and again
 * after. Readers read it on every client look-up, one {@code GET}.
 *
 * <p>
 * When Redis is unreachable, readers get {@link ClientRegistryVersion#UNKNOWN} and bypass
 * their caches (every look-up reads the database: slower, exact), while changes are
 * refused (503). Redis keeps nothing on disk: when the counter is absent (first use, or
 * Redis restarted) it is seeded with the current time in microseconds ({@code SET NX}), a
 * value no node can have tagged an entry with, so an entry loaded before a restart is
 * never taken for current.
 */
public final class RedisClientRegistryVersion implements ClientRegistryVersion {

	/**
	 * The generation read by the current HTTP request, once read (see
	 * {@link #perRequest()}).
	 */
	private static final ThreadLocal<long[]> REQUEST = new ThreadLocal<>();

	private final StringRedisTemplate redis;

	private final String key;

	public RedisClientRegistryVersion(StringRedisTemplate redis, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		this.redis = redis;
		this.key = prefix + "client-registry-version";
	}

	/**
	 * A servlet filter under which one HTTP request reads the generation from Redis at
	 * most once: a token request looks up its client and the client's owner several times
	 * (authentication, token claims, bearer checks), and they all belong to the same
	 * moment. A change acknowledged before the request's first look-up is seen by it.
	 */
	public static jakarta.servlet.Filter perRequest() {
		return (request, response, chain) -> {
			long[] previous = REQUEST.get();
			REQUEST.set(new long[] { NOT_READ });
			try {
				chain.doFilter(request, response);
			}
			finally {
				if (previous == null) {
					REQUEST.remove();
				}
				else {
					REQUEST.set(previous);
				}
			}
		};
	}

	private static final long NOT_READ = Long.MAX_VALUE;

	@Override
	public long current() {
		long[] memo = REQUEST.get();
		if (memo == null) {
			return read();
		}
		if (memo[0] == NOT_READ) {
			memo[0] = read();
		}
		return memo[0];
	}

	private long read() {
		try {
			String value = this.redis.opsForValue().get(this.key);
			if (value == null) {
				long seed = java.time.Instant.now().toEpochMilli() * 1000
						+ java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
				this.redis.opsForValue().setIfAbsent(this.key, Long.toString(seed));
				value = this.redis.opsForValue().get(this.key);
			}
			return (value != null) ? Long.parseLong(value) : UNKNOWN;
		}
		catch (DataAccessException ex) {
			return UNKNOWN; // no cache without the shared generation; the database
							// answers
		}
	}

	@Override
	public void changed() {
		ClientRegistryVersion.bumpNowAndAfterCommit(this::increment);
	}

	private void increment() {
		long[] memo = REQUEST.get();
		if (memo != null) {
			memo[0] = NOT_READ; // this request's later look-ups see its own change
		}
		try {
			this.redis.opsForValue().increment(this.key);
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("client registry change cannot be shared with other nodes", ex);
		}
	}

}
