package care.concord.server.consent;

import java.util.List;
import java.util.OptionalLong;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.domain.SharedStateUnavailableException;

/**
 * Citizens' consent versions as every node sees them, in Redis. The database holds the
 * authoritative version (bumped in the same transaction as each change); Redis holds a
 * copy that is raised <em>before</em> that transaction commits, so no node can see a
 * committed change while Redis still shows the older version.
 *
 * <pre>
 *  writer (node A):  lock + bump DB version to n  ->  raise(n) in Redis  ->  COMMIT  ->  answer the citizen
 *  reader (node B):  read Redis version r; cached entry of version v is served only when v == r,
 *                    otherwise DB is read (version first, then directives) and cached as its DB version
 * </pre>
 *
 * A reader that loads between {@code raise(n)} and the commit reads version n-1 from the
 * database, which never equals n, so it keeps reloading until the commit is visible: a
 * stale permit is never served. Redis keeps nothing on disk: after a restart a version is
 * absent, and a reader then loads from the database and {@linkplain #seed seeds} Redis
 * with what it read (only if still absent, so a newer raise always wins).
 */
public final class ConsentVersions {

	/** Sets the key to ARGV[1] unless it already holds a greater number. */
	private static final RedisScript<Long> RAISE = new DefaultRedisScript<>("""
			local current = redis.call('GET', KEYS[1])
			if (not current) or (tonumber(current) < tonumber(ARGV[1])) then
			  redis.call('SET', KEYS[1], ARGV[1])
			  return 1
			end
			return 0
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String prefix;

	public ConsentVersions(StringRedisTemplate redis, String prefix) {
		Assert.notNull(redis, "redis cannot be null");
		Assert.hasText(prefix, "prefix cannot be empty");
		this.redis = redis;
		this.prefix = prefix;
	}

	/**
	 * The version Redis holds for the citizen; empty when Redis holds none (never changed
	 * since Redis started).
	 * @throws SharedStateUnavailableException when Redis cannot be reached
	 */
	public OptionalLong current(NhsNumber citizen) {
		String value;
		try {
			value = this.redis.opsForValue().get(key(citizen));
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("consent versions unavailable", ex);
		}
		return (value != null) ? OptionalLong.of(Long.parseLong(value)) : OptionalLong.empty();
	}

	/**
	 * Raises the citizen's version to at least {@code version}; called inside the
	 * changing transaction, before it commits.
	 * @throws SharedStateUnavailableException when Redis cannot be reached (the change
	 * must then roll back)
	 */
	public void raise(NhsNumber citizen, long version) {
		try {
			this.redis.execute(RAISE, List.of(key(citizen)), Long.toString(version));
		}
		catch (DataAccessException ex) {
			throw new SharedStateUnavailableException("consent change cannot be shared with other nodes", ex);
		}
	}

	/**
	 * Records a version read from the database when Redis holds none; a concurrent raise
	 * always wins.
	 */
	public void seed(NhsNumber citizen, long version) {
		try {
			this.redis.opsForValue().setIfAbsent(key(citizen), Long.toString(version));
		}
		catch (DataAccessException ex) {
			// Nothing to seed while Redis is down; readers go to the database meanwhile.
		}
	}

	private String key(NhsNumber citizen) {
		return this.prefix + "consent-version:" + citizen.value();
	}

}
