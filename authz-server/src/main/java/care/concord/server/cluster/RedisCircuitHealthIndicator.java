package care.concord.server.cluster;

import java.time.Instant;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.core.RedisCallback;

/**
 * Redis's part of {@code /actuator/health} (as {@code redis}, in place of Spring Boot's
 * indicator): DOWN at once while the {@link CircuitBreakingRedisTemplate}'s circuit is
 * open, with the time Redis was found down, so a load balancer takes the node out of
 * service exactly while it fails closed, and a health check never waits for a command
 * time-out; otherwise a {@code PING} through the same template (a ping that fails opens
 * the circuit, as any command does).
 */
public class RedisCircuitHealthIndicator extends AbstractHealthIndicator {

	private final CircuitBreakingRedisTemplate redis;

	public RedisCircuitHealthIndicator(CircuitBreakingRedisTemplate redis) {
		super("Redis health check failed");
		this.redis = redis;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Instant down = this.redis.downSince();
		if (down != null) {
			builder.down().withDetail("circuit", "open").withDetail("unavailableSince", down.toString());
			return;
		}
		String pong = this.redis.execute((RedisCallback<String>) RedisConnection::ping);
		builder.up().withDetail("circuit", "closed").withDetail("ping", pong);
	}

}
