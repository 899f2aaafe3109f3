package care.concord.server.agency;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import javax.sql.DataSource;

import care.concord.policy.request.OrgType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link AgencyRepository} and {@link AgencyClientRepository} SQL against every database
 * Concord supports (H2 in PostgreSQL mode, PostgreSQL): agencies and their client links
 * round-trip with every column, a save of a stored one updates it, and the queries the
 * callers use give the same answers.
 */
abstract class AgencyRepositoryContract {

	private static final Instant CREATED = Instant.parse("2026-02-01T08:00:00.654321Z");

	protected abstract DataSource dataSource();

	private JdbcTemplate jdbc;

	private AgencyRepository agencies;

	private AgencyClientRepository clients;

	@BeforeEach
	void createRepositories() {
		this.jdbc = new JdbcTemplate(dataSource());
		this.jdbc.update("DELETE FROM agency_client");
		this.jdbc.update("DELETE FROM agency");
		this.agencies = new AgencyRepository(this.jdbc);
		this.clients = new AgencyClientRepository(this.jdbc);
	}

	@Test
	void aSavedAgencyIsReadBackWithEveryColumn() {
		Agency agency = new Agency(AgencyCode.parse("A81001"), "Riverside Surgery", OrgType.GP, "Leeds", CREATED);

		assertThat(this.agencies.save(agency)).isSameAs(agency);

		Agency read = this.agencies.findById("A81001").orElseThrow();
		assertThat(read.getCode()).isEqualTo("A81001");
		assertThat(read.getName()).isEqualTo("Riverside Surgery");
		assertThat(read.getOrgType()).isEqualTo(OrgType.GP);
		assertThat(read.getTown()).isEqualTo("Leeds");
		assertThat(read.isEnabled()).isTrue();
		assertThat(read.getCreatedAt()).isEqualTo(CREATED);
		assertThat(read.getUpdatedAt()).isEqualTo(CREATED);
		assertThat(this.jdbc.queryForObject("SELECT org_type FROM agency WHERE code = 'A81001'", String.class))
			.isEqualTo("gp");
		assertThat(this.agencies.existsById("A81001")).isTrue();
		assertThat(this.agencies.existsById("ZZZ999")).isFalse();
		assertThat(this.agencies.findById("ZZZ999")).isEmpty();
	}

	@Test
	void savingAStoredAgencyUpdatesItButNotItsCreationTime() {
		this.agencies.save(new Agency(AgencyCode.parse("RX1"), "Old Name", OrgType.GP, null, CREATED));
		Instant later = CREATED.plus(1, ChronoUnit.HOURS);

		Agency stored = this.agencies.findById("RX1").orElseThrow();
		assertThat(stored.getTown()).isNull();
		stored.update("New Name", OrgType.ACUTE_HOSPITAL, "York", later);
		stored.setEnabled(false, later);
		this.agencies.save(stored);

		Agency read = this.agencies.findById("RX1").orElseThrow();
		assertThat(read.getName()).isEqualTo("New Name");
		assertThat(read.getOrgType()).isEqualTo(OrgType.ACUTE_HOSPITAL);
		assertThat(read.getTown()).isEqualTo("York");
		assertThat(read.isEnabled()).isFalse();
		assertThat(read.getCreatedAt()).isEqualTo(CREATED);
		assertThat(read.getUpdatedAt()).isEqualTo(later);
		assertThat(this.agencies.findAll()).hasSize(1);
	}

	@Test
	void agenciesAreListedByCodeAndLookedUpByCodes() {
		for (String code : List.of("CCC", "AAA", "BBB")) {
			this.agencies.save(new Agency(AgencyCode.parse(code), "Agency " + code, OrgType.PHARMACY, null, CREATED));
		}

		assertThat(this.agencies.findAllByOrderByCodeAsc()).extracting(Agency::getCode)
			.containsExactly("AAA", "BBB", "CCC");
		assertThat(this.agencies.findAllById(List.of("CCC", "NOPE", "AAA"))).extracting(Agency::getCode)
			.containsExactly("AAA", "CCC");
		assertThat(this.agencies.findAllById(List.of())).isEmpty();
	}

	@Test
	void aSavedClientLinkIsReadBackAndUpdated() {
		this.agencies.save(new Agency(AgencyCode.parse("A81001"), "Riverside", OrgType.GP, null, CREATED));
		AgencyClient link = new AgencyClient("riverside-emis", "A81001", "registered-1", CREATED);

		assertThat(this.clients.save(link)).isSameAs(link);

		AgencyClient read = this.clients.findById("riverside-emis").orElseThrow();
		assertThat(read.getAgencyCode()).isEqualTo("A81001");
		assertThat(read.getRegisteredClientId()).isEqualTo("registered-1");
		assertThat(read.isEnabled()).isTrue();
		assertThat(read.getCreatedAt()).isEqualTo(CREATED);
		assertThat(read.getSecretRotatedAt()).isNull();

		Instant rotated = CREATED.plus(2, ChronoUnit.DAYS);
		read.secretRotated(rotated);
		read.setEnabled(false);
		this.clients.save(read);

		AgencyClient updated = this.clients.findById("riverside-emis").orElseThrow();
		assertThat(updated.isEnabled()).isFalse();
		assertThat(updated.getSecretRotatedAt()).isEqualTo(rotated);
		assertThat(updated.getCreatedAt()).isEqualTo(CREATED);
		assertThat(this.clients.findById("unknown")).isEmpty();
	}

	@Test
	void anAgencysClientsAreListedByClientId() {
		this.agencies.save(new Agency(AgencyCode.parse("AAA"), "A", OrgType.GP, null, CREATED));
		this.agencies.save(new Agency(AgencyCode.parse("BBB"), "B", OrgType.GP, null, CREATED));
		this.clients.save(new AgencyClient("a-2", "AAA", "r1", CREATED));
		this.clients.save(new AgencyClient("b-1", "BBB", "r2", CREATED));
		this.clients.save(new AgencyClient("a-1", "AAA", "r3", CREATED));

		assertThat(this.clients.findByAgencyCodeOrderByClientIdAsc("AAA")).extracting(AgencyClient::getClientId)
			.containsExactly("a-1", "a-2");
		assertThat(this.clients.findByAgencyCodeOrderByClientIdAsc("CCC")).isEmpty();
	}

	@Test
	void aClientOfAnUnregisteredAgencyIsRefused() {
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.clients.save(new AgencyClient("orphan", "NOPE", "r1", CREATED)));
	}

}
