package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The {@link StringRedisTemplate} of the cluster features, with a <em>circuit
 * breaker</em>: once a command fails because Redis cannot be reached or did not answer in
 * time, Redis is known to be down and every command fails at once
 * ({@link RedisConnectionFailureException}, a {@code DataAccessException} like the
 * failure itself, so callers fail closed or fall back as they already do) instead of each
 * waiting for the client's time-out. A probe thread meanwhile pings Redis every
 * {@code probeInterval} over a fresh connection (Lettuce's own reconnection backs off up
 * to 30 s) and closes the breaker on the first answer, so service resumes within about
 * one probe interval (plus one round trip) of Redis returning.
 *
 * <p>
 * Only unavailability opens the breaker: a command Redis refuses (a wrong type, a script
 * error) does not.
 */
public class CircuitBreakingRedisTemplate extends StringRedisTemplate implements DisposableBean {

	private static final Log logger = LogFactory.getLog(CircuitBreakingRedisTemplate.class);

	private final Duration probeInterval;

	private final Clock clock;

	private final ScheduledExecutorService prober;

	/** Non-zero while Redis is known to be down: when it was found down. */
	private volatile long downSinceMillis;

	public CircuitBreakingRedisTemplate(RedisConnectionFactory connectionFactory, Duration probeInterval, Clock clock) {
		super(connectionFactory);
		this.probeInterval = probeInterval;
		this.clock = clock;
		this.prober = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "concord-redis-probe");
			thread.setDaemon(true);
			return thread;
		});
	}

	/** True while Redis is known to be down (commands fail at once). */
	public boolean isOpen() {
		return this.downSinceMillis != 0L;
	}

	/** When Redis was found down, or null while the circuit is closed. */
	public Instant downSince() {
		long since = this.downSinceMillis;
		return (since != 0L) ? Instant.ofEpochMilli(since) : null;
	}

	@Override
	public <T> T execute(RedisCallback<T> action, boolean exposeConnection, boolean pipeline) {
		failFastWhenOpen();
		try {
			return super.execute(action, exposeConnection, pipeline);
		}
		catch (RuntimeException ex) {
			if (isUnavailable(ex)) {
				open(ex);
			}
			throw ex;
		}
	}

	@Override
	public <T> T execute(SessionCallback<T> session) {
		failFastWhenOpen();
		return super.execute(session);
	}

	private void failFastWhenOpen() {
		if (isOpen()) {
			throw new RedisConnectionFailureException(
					"Redis is known to be unavailable since " + Instant.ofEpochMilli(this.downSinceMillis)
							+ " (circuit open; probing every " + this.probeInterval.toMillis() + " ms)");
		}
	}

	private synchronized void open(RuntimeException cause) {
		if (isOpen()) {
			return;
		}
		this.downSinceMillis = Math.max(1L, this.clock.millis());
		logger.warn("Redis unavailable, failing fast until it answers again: " + cause);
		long millis = Math.max(50L, this.probeInterval.toMillis());
		this.prober.schedule(this::probe, millis, TimeUnit.MILLISECONDS);
	}

	private void probe() {
		try {
			RedisConnectionFactory factory = getRequiredConnectionFactory();
			if (factory instanceof LettuceConnectionFactory lettuce) {
				// a fresh connection now, rather than Lettuce's backed-off reconnection
				// of the shared one
				lettuce.resetConnection();
			}
			super.execute((RedisCallback<String>) (connection) -> connection.ping(), true, false);
			long down = this.clock.millis() - this.downSinceMillis;
			this.downSinceMillis = 0L;
			logger.warn("Redis answers again after " + down + " ms: circuit closed");
		}
		catch (RuntimeException ex) {
			if (!this.prober.isShutdown()) {
				this.prober.schedule(this::probe, Math.max(50L, this.probeInterval.toMillis()), TimeUnit.MILLISECONDS);
			}
		}
	}

	/**
	 * Redis could not be reached or did not answer in time (not: Redis refused the
	 * command).
	 */
	static boolean isUnavailable(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException) {
				return true;
			}
			String name = cause.getClass().getName();
			if (name.equals("io.lettuce.core.RedisConnectionException")
					|| name.equals("io.lettuce.core.RedisCommandTimeoutException")
					|| cause instanceof java.net.ConnectException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		this.prober.shutdownNow();
	}

}
