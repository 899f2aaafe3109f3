package care.concord.server.oauth;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import care.concord.server.ConcordIntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC replay cache on the application's database (the PostgreSQL run is in StoreContractTests).
 */
@ConcordIntegrationTest
class JdbcJtiReplayCacheTests {

	@Autowired
	JtiReplayCache cache;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void markUsedWhenFirstUseThenTrueAndReplayFalse() {
		String jti = UUID.randomUUID().toString();
		Instant expiry = Instant.now().plusSeconds(60);
		assertThat(this.cache.markUsed("client-a", jti, expiry)).isTrue();
		assertThat(this.cache.markUsed("client-a", jti, expiry)).isFalse();
		assertThat(this.cache.markUsed("client-b", jti, expiry)).isTrue();
	}

	@Test
	void markUsedWhenPreviousUseExpiredThenAcceptedAndPurged() {
		String jti = UUID.randomUUID().toString();
		Instant now = Instant.now();
		JdbcJtiReplayCache then = new JdbcJtiReplayCache(this.jdbc, Clock.fixed(now, ZoneOffset.UTC));
		assertThat(then.markUsed("client-c", jti, now.plusSeconds(30))).isTrue();
		JdbcJtiReplayCache later = new JdbcJtiReplayCache(this.jdbc, Clock.fixed(now.plusSeconds(31), ZoneOffset.UTC));
		assertThat(later.markUsed("client-c", jti, now.plusSeconds(90))).isTrue();
		assertThat(later.markUsed("client-c", jti, now.plusSeconds(90))).isFalse();
		JdbcJtiReplayCache muchLater = new JdbcJtiReplayCache(this.jdbc,
				Clock.fixed(now.plusSeconds(3600), ZoneOffset.UTC));
		assertThat(muchLater.purgeExpired()).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM client_assertion_jti WHERE jti = ?", Integer.class, jti))
			.isZero();
	}

}
