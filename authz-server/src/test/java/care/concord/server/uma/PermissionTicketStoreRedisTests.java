package care.concord.server.uma;

import java.time.Duration;

import care.concord.server.MutableClock;
import care.concord.server.RequiresService;
import care.concord.server.TestServices.Service;
import care.concord.server.uma.RedisPermissionTicketStore;
import care.concord.server.domain.SharedStateUnavailableException;
import care.concord.server.cluster.TestRedis;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PermissionTicketStoreContract} for {@link RedisPermissionTicketStore} on the
 * machine's Redis (a key prefix of its own per test), plus failing closed when Redis is
 * down.
 */
@RequiresService(Service.REDIS)
class PermissionTicketStoreRedisTests extends PermissionTicketStoreContract {

	private final String prefix = TestRedis.prefix();

	@Override
	protected PermissionTicketStore createStore(MutableClock clock) {
		return new RedisPermissionTicketStore(TestRedis.shared(), clock, this.prefix);
	}

	@Override
	protected PermissionTicketStore secondNode(MutableClock clock) {
		return new RedisPermissionTicketStore(TestRedis.shared(), clock, this.prefix);
	}

	@Test
	void issueAndTakeWhenRedisDownThenFailClosed() {
		RedisPermissionTicketStore down = new RedisPermissionTicketStore(TestRedis.down(), this.clock,
				TestRedis.prefix());
		assertThatExceptionOfType(SharedStateUnavailableException.class)
			.isThrownBy(() -> down.issue(ticket(Duration.ofMinutes(5))));
		assertThatExceptionOfType(SharedStateUnavailableException.class).isThrownBy(() -> down.take("abc"));
	}

}
