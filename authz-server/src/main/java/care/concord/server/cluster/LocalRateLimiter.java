package care.concord.server.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.Assert;

/**
 * A {@link RateLimiter} counting in this JVM only: exact for a single node, and the
 * fallback of {@link RedisRateLimiter} while Redis is unreachable (each node then
 * enforces the budget on its own).
 */
public final class LocalRateLimiter implements RateLimiter {

	private static final int MAX_KEYS = 100_000;

	private final Clock clock;

	private final Map<String, Window> windows = new ConcurrentHashMap<>();

	public LocalRateLimiter(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public Duration acquire(String bucket, String clientId, int limit, Duration window) {
		long now = this.clock.millis();
		long length = window.toMillis();
		long index = now / length;
		if (this.windows.size() > MAX_KEYS) {
			this.windows.values().removeIf((w) -> w.index < index);
		}
		Window current = this.windows.compute(bucket + '\u0000' + clientId,
				(key, existing) -> (existing != null && existing.index == index) ? existing : new Window(index));
		if (current.count.incrementAndGet() <= limit) {
			return Duration.ZERO;
		}
		return Duration.ofMillis((index + 1) * length - now);
	}

	@Override
	public Duration exhausted(String bucket, String clientId, int limit, Duration window) {
		long now = this.clock.millis();
		long length = window.toMillis();
		long index = now / length;
		Window current = this.windows.get(bucket + '\u0000' + clientId);
		if (current == null || current.index != index || current.count.get() < limit) {
			return Duration.ZERO;
		}
		return Duration.ofMillis((index + 1) * length - now);
	}

	private static final class Window {

		final long index;

		final AtomicInteger count = new AtomicInteger();

		Window(long index) {
			this.index = index;
		}

	}

}
