package care.concord.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * A {@link JtiReplayCache} in Redis: {@code SET key 1 NX PX <remaining life>}, so the
 * first node to see a {@code jti} wins and the key disappears when the assertion could no
 * longer be used anyway.
 *
 * <p>
 * Fails closed: when Redis cannot be reached the assertion is refused (as if replayed),
 * since accepting it would let a captured assertion be replayed on another node.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7523#section-3">RFC 7523 section 3</a>
 */
public final class RedisJtiReplayCache implements JtiReplayCache {

	private static final Logger logger = LoggerFactory.getLogger(RedisJtiReplayCache.class);

	/**
	 * Keys outlive the assertion a little, so clock skew between nodes cannot reopen a
	 * window.
	 */
	private static final Duration SKEW = Duration.ofSeconds(60);

	private final StringRedisTemplate redis;

	private final Clock clock;

	private final String prefix;

	public RedisJtiReplayCache(StringRedisTemplate redis, Clock clock, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		this.redis = redis;
		this.clock = clock;
		this.prefix = prefix;
	}

	@Override
	public boolean markUsed(String clientId, String jti, Instant expiresAt) {
		Assert.hasText(clientId, "clientId cannot be empty");
		Assert.hasText(jti, "jti cannot be empty");
		Duration ttl = Duration.between(this.clock.instant(), (expiresAt != null) ? expiresAt : this.clock.instant())
			.plus(SKEW);
		if (ttl.isNegative() || ttl.isZero()) {
			ttl = SKEW;
		}
		try {
			Boolean first = this.redis.opsForValue().setIfAbsent(key(clientId, jti), "1", ttl);
			return Boolean.TRUE.equals(first);
		}
		catch (DataAccessException ex) {
			logger.warn("jti replay cache unavailable, refusing client assertion of {}: {}", clientId, ex.getMessage());
			return false;
		}
	}

	private String key(String clientId, String jti) {
		return this.prefix + "jti:" + clientId.length() + ":" + clientId + ":" + jti;
	}

}
