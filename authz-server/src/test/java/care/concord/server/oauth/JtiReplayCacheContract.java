package care.concord.server.oauth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import care.concord.server.Concurrently;
import care.concord.server.MutableClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link JtiReplayCache} promises: the first use of a {@code jti} by a client
 * is accepted, every later use by that client refused, on any node, and of concurrent
 * first uses exactly one wins. Subclasses supply a cache and a second node sharing its
 * state: {@code JtiReplayCacheH2Tests}, {@code JtiReplayCacheRedisTests}.
 */
abstract class JtiReplayCacheContract {

	protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

	/**
	 * A cache on shared state of its own (per test class at least), reading
	 * {@code clock}.
	 */
	protected abstract JtiReplayCache cache(MutableClock clock);

	/** Another node's cache sharing the state of the caches {@link #cache} returns. */
	protected abstract JtiReplayCache secondNode(MutableClock clock);

	private static String jti() {
		return UUID.randomUUID().toString();
	}

	@Test
	void markUsedWhenFirstUseThenTrueAndReplayFalse() {
		JtiReplayCache cache = cache(this.clock);
		String jti = jti();
		Instant expiry = this.clock.instant().plusSeconds(60);
		assertThat(cache.markUsed("client-a", jti, expiry)).isTrue();
		assertThat(cache.markUsed("client-a", jti, expiry)).isFalse();
	}

	@Test
	void markUsedWhenSameJtiByAnotherClientThenAccepted() {
		JtiReplayCache cache = cache(this.clock);
		String jti = jti();
		Instant expiry = this.clock.instant().plusSeconds(60);
		assertThat(cache.markUsed("client-a", jti, expiry)).isTrue();
		assertThat(cache.markUsed("client-b", jti, expiry)).isTrue();
		assertThat(cache.markUsed("client-b", jti, expiry)).isFalse();
	}

	@Test
	void markUsedWhenReplayedOnAnotherNodeThenRefused() {
		String jti = jti();
		Instant expiry = this.clock.instant().plusSeconds(60);
		assertThat(cache(this.clock).markUsed("client-a", jti, expiry)).isTrue();
		assertThat(secondNode(this.clock).markUsed("client-a", jti, expiry)).isFalse();
	}

	@Test
	void markUsedWhenReplayedBeforeExpiryThenRefused() {
		JtiReplayCache cache = cache(this.clock);
		String jti = jti();
		Instant expiry = this.clock.instant().plusSeconds(60);
		assertThat(cache.markUsed("client-a", jti, expiry)).isTrue();
		this.clock.advance(java.time.Duration.ofSeconds(59));
		assertThat(cache.markUsed("client-a", jti, expiry.plusSeconds(60))).isFalse();
	}

	@Test
	void markUsedWhenRacedOnTwoNodesThenExactlyOneAccepted() throws Exception {
		JtiReplayCache nodeA = cache(this.clock);
		JtiReplayCache nodeB = secondNode(this.clock);
		for (int round = 0; round < 10; round++) {
			String jti = jti();
			Instant expiry = this.clock.instant().plusSeconds(60);
			int accepted = Concurrently.countSuccesses(6, 6,
					(i) -> ((i % 2 == 0) ? nodeA : nodeB).markUsed("client-race", jti, expiry));
			assertThat(accepted).isEqualTo(1);
		}
	}

}
