package care.concord.server.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Status;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The Redis circuit breaker against the machine's Redis reached through a loopback proxy
 * of the test's own, which the test cuts (connections closed, new ones refused) and
 * restores.
 */
class CircuitBreakingRedisTemplateTests {

	private Proxy proxy;

	private LettuceConnectionFactory factory;

	private CircuitBreakingRedisTemplate redis;

	private final String key = TestRedis.prefix() + "breaker";

	@BeforeEach
	void start() throws IOException {
		TestRedis.shared(); // skipped (or failing under CI) without Redis
		this.proxy = new Proxy(6379);
		RedisStandaloneConfiguration server = new RedisStandaloneConfiguration("127.0.0.1", this.proxy.port());
		server.setDatabase(TestRedis.DATABASE);
		this.factory = new LettuceConnectionFactory(server,
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.redis = new CircuitBreakingRedisTemplate(this.factory, Duration.ofMillis(100), Clock.systemUTC());
		this.redis.afterPropertiesSet();
	}

	@AfterEach
	void stop() throws IOException {
		if (this.redis != null) {
			this.redis.destroy();
			this.proxy.restore();
			this.redis.delete(this.key);
			this.factory.destroy();
			this.proxy.close();
		}
	}

	@Test
	void whenRedisUnreachableThenOpensFailsFastAndClosesOnceRedisAnswersAgain() throws Exception {
		this.redis.opsForValue().set(this.key, "1");
		assertThat(this.redis.isOpen()).isFalse();

		this.proxy.cut();
		assertThatExceptionOfType(DataAccessException.class).isThrownBy(() -> this.redis.opsForValue().get(this.key));
		assertThat(this.redis.isOpen()).isTrue();
		long before = System.nanoTime();
		assertThatExceptionOfType(RedisConnectionFailureException.class)
			.isThrownBy(() -> this.redis.opsForValue().get(this.key))
			.withMessageContaining("circuit open");
		assertThat(Duration.ofNanos(System.nanoTime() - before)).as("no wait for the command time-out")
			.isLessThan(Duration.ofSeconds(1));
		Thread.sleep(300);
		assertThat(this.redis.isOpen()).as("still down: the probe keeps it open").isTrue();

		this.proxy.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.redis.isOpen() && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}

		assertThat(this.redis.isOpen()).isFalse();
		assertThat(this.redis.opsForValue().get(this.key)).isEqualTo("1");
	}

	@Test
	void healthWhenCircuitOpenThenDownAtOnceAndUpOnceRedisAnswersAgain() throws Exception {
		RedisCircuitHealthIndicator health = new RedisCircuitHealthIndicator(this.redis);
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
		assertThat(health.health().getDetails()).containsEntry("circuit", "closed").containsEntry("ping", "PONG");

		this.proxy.cut();
		// the first check finds Redis gone (and opens the circuit); the next ones need
		// no round trip
		assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(this.redis.isOpen()).isTrue();
		long before = System.nanoTime();
		org.springframework.boot.health.contributor.Health down = health.health();
		assertThat(Duration.ofNanos(System.nanoTime() - before)).as("no wait for the command time-out")
			.isLessThan(Duration.ofSeconds(1));
		assertThat(down.getStatus()).isEqualTo(Status.DOWN);
		assertThat(down.getDetails()).containsEntry("circuit", "open").containsKey("unavailableSince");

		this.proxy.restore();
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (health.health().getStatus() != Status.UP && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		assertThat(health.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void whenRedisRefusesACommandThenStaysClosed() {
		this.redis.opsForValue().set(this.key, "not a list");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.redis.opsForList().leftPop(this.key));

		assertThat(this.redis.isOpen()).isFalse();
		assertThat(this.redis.opsForValue().get(this.key)).isEqualTo("not a list");
	}

	/**
	 * A loopback TCP proxy to Redis that can be cut (every connection closed, new ones
	 * closed at once).
	 */
	static final class Proxy implements AutoCloseable {

		private final ServerSocket server;

		private final int target;

		private final List<Socket> sockets = new CopyOnWriteArrayList<>();

		private volatile boolean cut;

		Proxy(int target) throws IOException {
			this.target = target;
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			Thread accept = new Thread(this::accept, "redis-test-proxy");
			accept.setDaemon(true);
			accept.start();
		}

		int port() {
			return this.server.getLocalPort();
		}

		void cut() {
			this.cut = true;
			for (Socket socket : this.sockets) {
				closeQuietly(socket);
			}
			this.sockets.clear();
		}

		void restore() {
			this.cut = false;
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try {
					Socket client = this.server.accept();
					if (this.cut) {
						closeQuietly(client);
						continue;
					}
					Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.target);
					this.sockets.add(client);
					this.sockets.add(upstream);
					pump(client, upstream);
					pump(upstream, client);
				}
				catch (IOException ex) {
					// closed, or Redis refused: the client sees a closed connection
				}
			}
		}

		private void pump(Socket from, Socket to) {
			Thread thread = new Thread(() -> {
				byte[] buffer = new byte[8192];
				try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
					for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
						out.write(buffer, 0, n);
						out.flush();
					}
				}
				catch (IOException ex) {
					// connection closed
				}
				closeQuietly(from);
				closeQuietly(to);
			}, "redis-test-proxy-pump");
			thread.setDaemon(true);
			thread.start();
		}

		private static void closeQuietly(Socket socket) {
			try {
				socket.close();
			}
			catch (IOException ex) {
				// already closed
			}
		}

		@Override
		public void close() throws IOException {
			cut();
			this.server.close();
		}

	}

}
