package care.concord.server.oauth;

import java.time.Instant;

import care.concord.server.MutableClock;
import care.concord.server.RequiresService;
import care.concord.server.TestServices.Service;
import care.concord.server.oauth.RedisJtiReplayCache;
import care.concord.server.cluster.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JtiReplayCacheContract} for {@link RedisJtiReplayCache} on the machine's Redis
 * (a key prefix of its own per test), plus its key life and failing closed when Redis is
 * down.
 */
@RequiresService(Service.REDIS)
class JtiReplayCacheRedisTests extends JtiReplayCacheContract {

	private final String prefix = TestRedis.prefix();

	@Override
	protected JtiReplayCache cache(MutableClock clock) {
		return new RedisJtiReplayCache(TestRedis.shared(), clock, this.prefix);
	}

	@Override
	protected JtiReplayCache secondNode(MutableClock clock) {
		return cache(clock);
	}

	@Test
	void markUsedWhenKeySetThenExpiresAfterAssertionLifePlusSkew() {
		var redis = TestRedis.shared();
		new RedisJtiReplayCache(redis, this.clock, this.prefix).markUsed("client-1", "jti-ttl",
				this.clock.instant().plusSeconds(30));
		Long ttl = redis.getExpire(this.prefix + "jti:8:client-1:jti-ttl");
		assertThat(ttl).isBetween(80L, 91L);
	}

	@Test
	void markUsedWhenRedisDownThenRefused() {
		JtiReplayCache cache = new RedisJtiReplayCache(TestRedis.down(), this.clock, TestRedis.prefix());
		assertThat(cache.markUsed("client-1", "jti-1", Instant.now().plusSeconds(60))).isFalse();
	}

}
