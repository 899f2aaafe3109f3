package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link RateLimiter} shared by every node: one Redis counter per client, budget and
 * window ({@code INCR}, with the window's length as expiry, in one script so a counter
 * never lives without its expiry).
 *
 * <p>
 * While Redis is unreachable each node falls back to its own {@link LocalRateLimiter}:
 * budgets are then enforced per node rather than refused outright, since a rate limit
 * protects capacity, not data (tickets and consent, which protect data, fail closed
 * instead).
 */
public final class RedisRateLimiter implements RateLimiter {

	private static final Logger logger = LoggerFactory.getLogger(RedisRateLimiter.class);

	private static final RedisScript<Long> COUNT = new DefaultRedisScript<>("""
			local n = redis.call('INCR', KEYS[1])
			if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
			return n
			""", Long.class);

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final String prefix;

	private final LocalRateLimiter fallback;

	public RedisRateLimiter(StringRedisTemplate redis, Clock clock, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		this.redis = redis;
		this.clock = clock;
		this.prefix = prefix;
		this.fallback = new LocalRateLimiter(clock);
	}

	@Override
	public Duration acquire(String bucket, String clientId, int limit, Duration window) {
		long now = this.clock.millis();
		long length = window.toMillis();
		long index = now / length;
		String key = this.prefix + "rate:" + bucket + ":" + index + ":" + clientId;
		Long count;
		try {
			count = this.redis.execute(COUNT, List.of(key), Long.toString(length + 1000));
		}
		catch (DataAccessException ex) {
			logger.warn("shared rate limit unavailable, counting on this node: {}", ex.getMessage());
			return this.fallback.acquire(bucket, clientId, limit, window);
		}
		if (count != null && count <= limit) {
			return Duration.ZERO;
		}
		return Duration.ofMillis((index + 1) * length - now);
	}

	@Override
	public Duration exhausted(String bucket, String clientId, int limit, Duration window) {
		long now = this.clock.millis();
		long length = window.toMillis();
		long index = now / length;
		String value;
		try {
			value = this.redis.opsForValue().get(this.prefix + "rate:" + bucket + ":" + index + ":" + clientId);
		}
		catch (DataAccessException ex) {
			logger.warn("shared rate limit unavailable, counting on this node: {}", ex.getMessage());
			return this.fallback.exhausted(bucket, clientId, limit, window);
		}
		if (value == null || Long.parseLong(value) < limit) {
			return Duration.ZERO;
		}
		return Duration.ofMillis((index + 1) * length - now);
	}

}
