package care.concord.server.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import care.concord.server.TestFixturesConfiguration;
import care.concord.server.TestPeople;
import care.concord.server.audit.ChainVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo profile as a newcomer starts it: besides agencies and people, three weeks of
 * activity made through the real services (choices, requests allowed and refused,
 * emergency accesses, a review, a possible identity match, an app alice connected),
 * stamped at past times; the audit chain verifies; the clock is right again; health is UP
 * only then. Its own application context and in-memory database (the demo's fixed people
 * must not meet other tests').
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { "spring.datasource.url=jdbc:h2:mem:concord-demo-profile;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1" })
@AutoConfigureMockMvc
@ActiveProfiles({ "test", "demo" })
@Import(TestFixturesConfiguration.class)
class DemoProfileTests {

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ChainVerifier chain;

	@Autowired
	DemoClock clock;

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Test
	void demoWhenStartedThenWeeksOfAuditedActivityAndTheChainVerifies() throws Exception {
		Instant now = Instant.now();
		assertThat(Duration.between(this.clock.instant(), now).abs()).isLessThan(Duration.ofMinutes(1));
		OffsetDateTime first = this.jdbc.queryForObject(
				"SELECT min(recorded_at) FROM audit_record WHERE event_type = 'DECISION'", OffsetDateTime.class);
		assertThat(Duration.between(first.toInstant(), now)).isBetween(Duration.ofDays(19), Duration.ofDays(22));
		Integer days = this.jdbc.queryForObject(
				"SELECT count(DISTINCT CAST(recorded_at AS date)) FROM audit_record " + "WHERE event_type = 'DECISION'",
				Integer.class);
		assertThat(days).isGreaterThanOrEqualTo(DemoActivity.DAYS - 1);
		assertThat(count("event_type = 'DECISION' AND decision = 'permit'")).isPositive();
		assertThat(count("event_type = 'DECISION' AND decision = 'deny'")).isPositive();
		assertThat(count("event_type = 'CONSENT_CHANGE'")).isGreaterThanOrEqualTo(4);
		assertThat(count("event_type = 'DECISION' AND break_glass = TRUE AND decision = 'permit'")).isEqualTo(2);
		assertThat(count("event_type = 'BREAK_GLASS_REVIEW'")).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM identity_review WHERE status = 'pending'",
				Integer.class))
			.isPositive();
		assertThat(this.chain.verify().ok()).isTrue();
		// every organisation the demo's directives name is a registered agency, with a
		// town
		List<String> named = this.jdbc.queryForList(
				"SELECT organisations FROM consent_directive WHERE organisations IS NOT NULL AND organisations <> ''",
				String.class);
		assertThat(named).isNotEmpty();
		Set<String> registered = Set.copyOf(this.jdbc.queryForList("SELECT code FROM agency", String.class));
		named.stream()
			.flatMap((codes) -> Arrays.stream(codes.split(",")))
			.map(String::strip)
			.forEach((code) -> assertThat(registered).as("demo directive names %s", code).contains(code));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM agency WHERE town IS NULL", Integer.class)).isZero();
		// where alice's records are: pointers registered by three agencies and her
		// activity watch, each audited
		assertThat(this.jdbc.queryForObject(
				"SELECT count(DISTINCT holder) FROM uma_resource_set WHERE subject_nhs_number = '9434765919' "
						+ "AND holder_org_type <> 'personal-app'",
				Integer.class))
			.isEqualTo(3);
		assertThat(count("event_type = 'REGISTRATION_CHANGE'")).isGreaterThanOrEqualTo(7);
		// the watch: registered by the administrator, connected by alice, each audited
		String app = this.jdbc.queryForObject("SELECT client_id FROM personal_app WHERE name = ?", String.class,
				DemoActivity.APP_NAME);
		assertThat(count("event_type = 'ADMIN_ACTION' AND reason_code = 'personal-app-registered'")).isEqualTo(1);
		assertThat(count("event_type = 'CONSENT_CHANGE' AND reason_code = 'source-connected' AND holder = '" + app
				+ "' AND subject_nhs_number = '9434765919'"))
			.isEqualTo(1);
		assertThat(count("event_type = 'REGISTRATION_CHANGE' AND actor_agency = '" + app + "'")).isEqualTo(2);
		// ... so her "My apps and devices" shows it, with the category she granted and
		// what it registered
		String alice = this.people.accessToken("alice", "concord-demo-alice");
		this.mvc.perform(get("/api/me/sources").header(HttpHeaders.AUTHORIZATION, "Bearer " + alice))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.sources", hasSize(1)))
			.andExpect(jsonPath("$.sources[0].client_id").value(app))
			.andExpect(jsonPath("$.sources[0].name").value(DemoActivity.APP_NAME))
			.andExpect(jsonPath("$.sources[0].categories", contains("wearable")))
			.andExpect(jsonPath("$.sources[0].enabled").value(true))
			.andExpect(jsonPath("$.sources[0].pointers").value(2))
			.andExpect(jsonPath("$.sources[0].last_registered_at").isString());
		this.mvc.perform(get("/actuator/health"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("UP"));
	}

	private int count(String where) {
		return this.jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE " + where, Integer.class);
	}

}
