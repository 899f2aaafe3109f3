package care.concord.server.uma;

import java.time.Duration;

import care.concord.server.MutableClock;
import care.concord.server.uma.InMemoryPermissionTicketStore.TicketCapacityExceededException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PermissionTicketStoreContract} for {@link InMemoryPermissionTicketStore}, the
 * store of a single node on embedded H2 (its "second node" is itself: no other process
 * can open the database), plus its capacity bound and the choice of store.
 */
class PermissionTicketStoreInMemoryTests extends PermissionTicketStoreContract {

	@Override
	protected PermissionTicketStore createStore(MutableClock clock) {
		return new InMemoryPermissionTicketStore(clock, 1000);
	}

	@Override
	protected PermissionTicketStore secondNode(MutableClock clock) {
		return this.store;
	}

	@Test
	void issueWhenFullOfLiveTicketsThenRefusedUntilOneIsTaken() {
		InMemoryPermissionTicketStore small = new InMemoryPermissionTicketStore(this.clock, 2);
		String first = small.issue(ticket(Duration.ofMinutes(5)));
		small.issue(ticket(Duration.ofMinutes(5)));
		assertThatExceptionOfType(TicketCapacityExceededException.class)
			.isThrownBy(() -> small.issue(ticket(Duration.ofMinutes(5))))
			.withMessageContaining("try again later");
		assertThat(small.take(first)).isPresent();
		assertThat(small.issue(ticket(Duration.ofMinutes(5)))).isNotBlank();
	}

	@Test
	void issueWhenFullOfExpiredTicketsThenTheyAreDropped() {
		InMemoryPermissionTicketStore small = new InMemoryPermissionTicketStore(this.clock, 2);
		small.issue(ticket(Duration.ofMinutes(1)));
		small.issue(ticket(Duration.ofMinutes(1)));
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(small.issue(ticket(Duration.ofMinutes(5)))).isNotBlank();
		assertThat(small.size()).isEqualTo(1);
	}

	@Test
	void isEmbeddedH2WhenFileOrMemoryThenTrueWhenServerOrOtherDatabaseThenFalse() {
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:h2:file:./data/concord;MODE=PostgreSQL")).isTrue();
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:h2:mem:test")).isTrue();
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:h2:./data/concord")).isTrue();
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:h2:tcp://db:9092/concord")).isFalse();
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:h2:file:./data/concord;AUTO_SERVER=TRUE")).isFalse();
		assertThat(UmaConfiguration.isEmbeddedH2("jdbc:postgresql://127.0.0.1:5432/concord")).isFalse();
		assertThat(UmaConfiguration.isEmbeddedH2("")).isFalse();
	}

}
