package care.concord.server.cluster;

import java.time.Clock;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisJtiReplayCacheTests {

	@Test
	void markUsedWhenSameJtiOnAnotherNodeThenReplayRefused() {
		String prefix = TestRedis.prefix();
		RedisJtiReplayCache nodeA = new RedisJtiReplayCache(TestRedis.shared(), Clock.systemUTC(), prefix);
		RedisJtiReplayCache nodeB = new RedisJtiReplayCache(TestRedis.shared(), Clock.systemUTC(), prefix);
		Instant expiry = Instant.now().plusSeconds(60);

		assertThat(nodeA.markUsed("client-1", "jti-1", expiry)).isTrue();
		assertThat(nodeB.markUsed("client-1", "jti-1", expiry)).isFalse();
		assertThat(nodeB.markUsed("client-2", "jti-1", expiry)).isTrue();
	}

	@Test
	void markUsedWhenKeySetThenExpiresAfterAssertionLifePlusSkew() {
		String prefix = TestRedis.prefix();
		var redis = TestRedis.shared();
		RedisJtiReplayCache cache = new RedisJtiReplayCache(redis, Clock.systemUTC(), prefix);
		cache.markUsed("client-1", "jti-ttl", Instant.now().plusSeconds(30));
		Long ttl = redis.getExpire(prefix + "jti:8:client-1:jti-ttl");
		assertThat(ttl).isBetween(80L, 91L);
	}

	@Test
	void markUsedWhenRedisDownThenRefused() {
		RedisJtiReplayCache cache = new RedisJtiReplayCache(TestRedis.down(), Clock.systemUTC(), TestRedis.prefix());
		assertThat(cache.markUsed("client-1", "jti-1", Instant.now().plusSeconds(60))).isFalse();
	}

}
