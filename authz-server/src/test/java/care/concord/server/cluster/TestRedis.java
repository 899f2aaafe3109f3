package care.concord.server.cluster;

import java.util.UUID;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Connections for the Redis tests: the machine's Redis on 127.0.0.1:6379, database index
 * 11, with a key prefix of its own per test run (so the tests never touch other keys),
 * and a "down" Redis on a port nobody listens on. Tests using {@link #shared()} are
 * annotated {@code @RequiresService(Service.REDIS)}: skipped with a message when Redis is
 * absent, except under CI ({@code CI=true}), where they fail.
 */
public final class TestRedis {

	public static final int DATABASE = 11;

	private TestRedis() {
	}

	/** The machine's Redis (127.0.0.1:6379, database {@value #DATABASE}). */
	public static StringRedisTemplate shared() {
		return template(6379);
	}

	/** A Redis nobody answers for: every command fails. */
	public static StringRedisTemplate down() {
		return template(1);
	}

	/** A key prefix of this test's own. */
	public static String prefix() {
		return "concord-test:" + UUID.randomUUID() + ":";
	}

	private static StringRedisTemplate template(int port) {
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", port);
		server.setDatabase(DATABASE);
		LettuceConnectionFactory factory = new LettuceConnectionFactory(server,
				LettuceClientConfiguration.builder().commandTimeout(java.time.Duration.ofSeconds(2)).build());
		factory.afterPropertiesSet();
		factory.start();
		return new StringRedisTemplate(factory);
	}

}
