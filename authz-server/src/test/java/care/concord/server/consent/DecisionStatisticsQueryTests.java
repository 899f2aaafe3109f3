package care.concord.server.consent;

import java.time.Instant;
import java.util.UUID;

import care.concord.server.TestDatabases;
import care.concord.server.consent.stats.DecisionStatistics;
import care.concord.server.consent.stats.DecisionStatisticsQuery;
import care.concord.server.consent.stats.StatsBucket;
import care.concord.policy.request.InvalidRequestException;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link DecisionStatisticsQuery} on a database holding only the audit (V20) and consent
 * (V30) tables: a deployment without the identity feature, whose absence the statistics
 * say instead of failing.
 */
class DecisionStatisticsQueryTests {

	private HikariDataSource dataSource;

	private DecisionStatisticsQuery statistics;

	@BeforeEach
	void setUp() {
		this.dataSource = new HikariDataSource();
		this.dataSource.setJdbcUrl("jdbc:h2:mem:stats-" + UUID.randomUUID() + ";" + TestDatabases.H2_SETTINGS);
		this.dataSource.setUsername("sa");
		new ResourceDatabasePopulator(new ClassPathResource("db/migration/V20__audit.sql"),
				new ClassPathResource("db/migration/V30__consent.sql"))
			.execute(this.dataSource);
		this.statistics = new DecisionStatisticsQuery(new JdbcTemplate(this.dataSource));
	}

	@AfterEach
	void tearDown() {
		this.dataSource.close();
	}

	@Test
	void statisticsWhenIdentityFeatureAbsentThenMarkedUnavailableWithZero() {
		DecisionStatistics stats = this.statistics.statistics(Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-11-03T00:00:00Z"), StatsBucket.DAY);
		assertThat(stats.identityMatchesAwaitingReview().available()).isFalse();
		assertThat(stats.identityMatchesAwaitingReview().count()).isZero();
		assertThat(stats.timeline()).extracting(DecisionStatistics.TimeBucket::start)
			.containsExactly(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T00:00:00Z"));
		assertThat(stats.byOutcome()).isEmpty();
	}

	@Test
	void statisticsWhenPeriodNotAlignedThenBucketsCoverIt() {
		DecisionStatistics stats = this.statistics.statistics(Instant.parse("2026-11-01T10:30:00Z"),
				Instant.parse("2026-11-01T12:00:00Z"), StatsBucket.HOUR);
		assertThat(stats.timeline()).extracting(DecisionStatistics.TimeBucket::start)
			.containsExactly(Instant.parse("2026-11-01T10:00:00Z"), Instant.parse("2026-11-01T11:00:00Z"));
	}

	@Test
	void statisticsWhenTooManyBucketsOrEmptyPeriodThenRefused() {
		Instant from = Instant.parse("2026-01-01T00:00:00Z");
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.statistics.statistics(from, from.plusSeconds(3600L * 24 * 32), StatsBucket.HOUR));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> this.statistics.statistics(from, from, StatsBucket.DAY));
	}

}
