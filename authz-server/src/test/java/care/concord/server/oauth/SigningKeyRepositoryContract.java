package care.concord.server.oauth;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SigningKeyRepository}'s SQL against every database Concord supports (H2 in
 * PostgreSQL mode, PostgreSQL): keys round-trip to the microsecond, a save of a stored
 * key updates it, and the queries order newest first.
 */
abstract class SigningKeyRepositoryContract {

	protected abstract DataSource dataSource();

	private JdbcTemplate jdbc;

	private SigningKeyRepository repository;

	@BeforeEach
	void createRepository() {
		this.jdbc = new JdbcTemplate(dataSource());
		this.jdbc.update("DELETE FROM signing_key");
		this.repository = new SigningKeyRepository(this.jdbc);
	}

	@Test
	void aSavedKeyIsReadBackWithEveryColumn() {
		Instant created = Instant.parse("2026-03-01T10:15:30.123456Z");
		SigningKey key = new SigningKey("kid-" + UUID.randomUUID(), "ES256", "private-material", "public-material",
				created);

		assertThat(this.repository.save(key)).isSameAs(key);

		SigningKey read = this.repository.findById(key.getKid()).orElseThrow();
		assertThat(read.getKid()).isEqualTo(key.getKid());
		assertThat(read.getAlgorithm()).isEqualTo("ES256");
		assertThat(read.getPrivateKey()).isEqualTo("private-material");
		assertThat(read.getPublicKey()).isEqualTo("public-material");
		assertThat(read.getCreatedAt()).isEqualTo(created);
		assertThat(read.getStatus()).isEqualTo(SigningKeyStatus.ACTIVE);
		assertThat(read.getNotAfter()).isNull();
		assertThat(this.jdbc.queryForObject("SELECT status FROM signing_key WHERE kid = ?", String.class, key.getKid()))
			.isEqualTo("active");
		assertThat(this.repository.count()).isOne();
		assertThat(this.repository.findById("unknown")).isEmpty();
	}

	@Test
	void savingAStoredKeyUpdatesItsStatusRetentionAndPrivateKey() {
		Instant created = Instant.now().truncatedTo(ChronoUnit.MICROS);
		SigningKey key = this.repository.save(new SigningKey("kid-1", "RS256", "plain", "public", created));
		Instant notAfter = created.plus(1, ChronoUnit.DAYS);

		SigningKey stored = this.repository.findById("kid-1").orElseThrow();
		stored.retire(notAfter);
		this.repository.save(stored);

		SigningKey read = this.repository.findById("kid-1").orElseThrow();
		assertThat(read.getStatus()).isEqualTo(SigningKeyStatus.RETIRED);
		assertThat(read.getNotAfter()).isEqualTo(notAfter);
		assertThat(read.getPrivateKey()).isEqualTo(key.getPrivateKey());
		assertThat(read.getCreatedAt()).isEqualTo(created);
		assertThat(this.repository.count()).isOne();
	}

	@Test
	void keysOfAStatusComeNewestFirst() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
		this.repository.save(new SigningKey("old", "RS256", "p", "q", now.minusSeconds(120)));
		this.repository.save(new SigningKey("new", "RS256", "p", "q", now));
		this.repository.save(new SigningKey("middle", "RS256", "p", "q", now.minusSeconds(60)));
		SigningKey retired = this.repository.findById("middle").orElseThrow();
		retired.retire(now.plusSeconds(60));
		this.repository.save(retired);

		assertThat(this.repository.findByStatusOrderByCreatedAtDesc(SigningKeyStatus.ACTIVE))
			.extracting(SigningKey::getKid)
			.containsExactly("new", "old");
		assertThat(this.repository.findByStatusOrderByCreatedAtDesc(SigningKeyStatus.RETIRED))
			.extracting(SigningKey::getKid)
			.containsExactly("middle");
		assertThat(this.repository.findAllByOrderByCreatedAtDesc()).extracting(SigningKey::getKid)
			.containsExactly("new", "middle", "old");
	}

}
