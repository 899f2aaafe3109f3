package care.concord.server.cluster;

import care.concord.server.oauth.ClientRegistryVersion;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * The {@link ClientRegistryVersion} every node shares, as one Redis counter. A change increments it before its
 * transaction commits (so a change that cannot be shared rolls back: a node must never keep serving a disabled
 * client) and again after. Readers read it on every client look-up, one {@code GET}; when Redis is unreachable
 * they fail closed ({@link SharedStateUnavailableException}, answered 503) rather than trust a cache that may be
 * stale. Redis keeps nothing on disk: after its restart the counter starts again from nothing, which differs from
 * what nodes tagged their entries with unless it happens to match — the 30-second age limit of cached entries
 * bounds that case.
 */
public final class RedisClientRegistryVersion implements ClientRegistryVersion {

	private final StringRedisTemplate redis;

	private final String key;

	public RedisClientRegistryVersion(StringRedisTemplate redis, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		this.redis = redis;
		this.key = prefix + "client-registry-version";
	}

	@Override
	public long current() {
		String value;
		try {
			value = this.redis.opsForValue().get(this.key);
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("client registry version unavailable", ex);
		}
		return (value != null) ? Long.parseLong(value) : 0L;
	}

	@Override
	public void changed() {
		ClientRegistryVersion.bumpNowAndAfterCommit(this::increment);
	}

	private void increment() {
		try {
			this.redis.opsForValue().increment(this.key);
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("client registry change cannot be shared with other nodes", ex);
		}
	}

}
