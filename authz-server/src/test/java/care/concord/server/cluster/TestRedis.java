package care.concord.server.cluster;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Connections for the Redis tests: the machine's Redis on 127.0.0.1:6379, database index 11, with a key prefix of
 * its own per test run (so the tests never touch other keys), and a "down" Redis on a port nobody listens on.
 * Tests are skipped with a message when Redis is absent, except under CI ({@code CI=true}), where they fail.
 */
final class TestRedis {

	static final int DATABASE = 11;

	private TestRedis() {
	}

	static StringRedisTemplate shared() {
		boolean reachable;
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", 6379), 500);
			reachable = true;
		}
		catch (Exception ex) {
			reachable = false;
		}
		if (!reachable && "true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException("Redis is not reachable on 127.0.0.1:6379 and CI=true: start it (.ci/run does)");
		}
		Assumptions.assumeTrue(reachable, "Redis is not reachable on 127.0.0.1:6379: Redis tests skipped");
		return template(6379);
	}

	static StringRedisTemplate down() {
		return template(1);
	}

	static String prefix() {
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
