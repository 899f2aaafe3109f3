package care.concord.server.oauth;

import java.time.Duration;
import java.time.Instant;

import care.concord.server.MutableClock;
import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JtiReplayCacheContract} for {@link JdbcJtiReplayCache} on H2 in PostgreSQL mode
 * (the PostgreSQL run of the table is in {@link OAuthStorePostgresTests}), plus what only
 * the JDBC cache does: an expired record is replaced, and purged.
 */
class JtiReplayCacheH2Tests extends JtiReplayCacheContract {

	private static HikariDataSource dataSource;

	@BeforeAll
	static void createDatabase() {
		dataSource = TestDatabases.pool(TestDatabases.newH2Url("jti"), "sa", 8, "jti");
		TestDatabases.migrate(dataSource);
	}

	@AfterAll
	static void closeDatabase() {
		dataSource.close();
	}

	@Override
	protected JdbcJtiReplayCache cache(MutableClock clock) {
		return new JdbcJtiReplayCache(new JdbcTemplate(dataSource), clock);
	}

	@Override
	protected JtiReplayCache secondNode(MutableClock clock) {
		return cache(clock);
	}

	@Test
	void markUsedWhenPreviousUseExpiredThenAcceptedAndPurged() {
		JdbcJtiReplayCache cache = cache(this.clock);
		Instant now = this.clock.instant();
		assertThat(cache.markUsed("client-c", "jti-expiring", now.plusSeconds(30))).isTrue();
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(cache.markUsed("client-c", "jti-expiring", now.plusSeconds(90))).isTrue();
		assertThat(cache.markUsed("client-c", "jti-expiring", now.plusSeconds(90))).isFalse();
		this.clock.advance(Duration.ofHours(1));
		assertThat(cache.purgeExpired()).isGreaterThanOrEqualTo(1);
		assertThat(new JdbcTemplate(dataSource)
			.queryForObject("SELECT count(*) FROM client_assertion_jti WHERE jti = ?", Integer.class, "jti-expiring"))
			.isZero();
	}

}
