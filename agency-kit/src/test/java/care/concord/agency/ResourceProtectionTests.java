package care.concord.agency;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceProtectionTests {

	static final ProtectedResource MEDICATIONS = ProtectedResource.of("9434765919", "medications");

	static final ProtectedResource MENTAL_HEALTH = ProtectedResource.of("9434765919", "mental-health");

	FakeConcord concord;

	ResourceProtection protection;

	@BeforeEach
	void start() throws Exception {
		this.concord = new FakeConcord();
		ConcordConnection connection = this.concord.connection("rr8-client", Duration.ofMillis(300));
		this.protection = new ResourceProtection(connection, new ResourceRegistry(connection), "RR8");
	}

	@AfterEach
	void stop() {
		this.concord.close();
	}

	@Test
	void enforceWhenNoTokenThenChallengeWithTicketAtConcord() {
		Enforcement enforcement = this.protection.enforce(null, List.of(MEDICATIONS));
		assertThat(enforcement).isInstanceOf(Enforcement.Challenge.class);
		Enforcement.Challenge challenge = (Enforcement.Challenge) enforcement;
		assertThat(challenge.status()).isEqualTo(401);
		UmaChallenge parsed = UmaChallenge.parse(challenge.wwwAuthenticate()).orElseThrow();
		assertThat(parsed.asUri()).isEqualTo(this.concord.issuer());
		assertThat(parsed.realm()).isEqualTo("RR8");
		assertThat(parsed.ticket()).startsWith("t-");
		assertThat(this.concord.count("POST /uma/resource_set")).isEqualTo(1);
	}

	@Test
	void enforceWhenRptCoversSomeThenPermitsOnlyThose() {
		this.protection.registry().register(MEDICATIONS);
		this.protection.registry().register(MENTAL_HEALTH);
		this.concord.introspections.put("rpt-1", active("r1"));
		Enforcement enforcement = this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS, MENTAL_HEALTH));
		assertThat(enforcement).isInstanceOf(Enforcement.Permit.class);
		Enforcement.Permit permit = (Enforcement.Permit) enforcement;
		assertThat(permit.permitted()).isEqualTo(Set.of(MEDICATIONS));
		assertThat(permit.allows(MENTAL_HEALTH)).isFalse();
		assertThat(permit.rpt().organisation()).isEqualTo("A81001");
	}

	@Test
	void enforceWhenRptCoversNoneThenForbiddenWithNewTicket() {
		this.protection.registry().register(MEDICATIONS);
		this.protection.registry().register(MENTAL_HEALTH);
		this.concord.introspections.put("rpt-1", active("r1"));
		Enforcement enforcement = this.protection.enforce("Bearer rpt-1", List.of(MENTAL_HEALTH));
		assertThat(enforcement.status()).isEqualTo(403);
		assertThat(((Enforcement.Challenge) enforcement).error()).isEqualTo("insufficient_scope");
		assertThat(((Enforcement.Challenge) enforcement).wwwAuthenticate()).contains("ticket=\"t-");
	}

	@Test
	void enforceWhenRptInactiveThenChallenge() {
		Enforcement enforcement = this.protection.enforce("Bearer revoked", List.of(MEDICATIONS));
		assertThat(enforcement.status()).isEqualTo(401);
		assertThat(((Enforcement.Challenge) enforcement).error()).isEqualTo("invalid_token");
	}

	@Test
	void introspectWhenAskedAgainWithinCacheTimeThenConcordIsAskedOnceAndAgainAfterIt() throws Exception {
		this.protection.registry().register(MEDICATIONS);
		this.concord.introspections.put("rpt-1", active("r1"));
		assertThat(this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS)).status()).isEqualTo(200);
		assertThat(this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS)).status()).isEqualTo(200);
		assertThat(this.concord.count("POST /oauth2/introspect")).isEqualTo(1);
		// the citizen withdraws consent: Concord now says inactive; enforced once the
		// cache time has passed
		this.concord.introspections.remove("rpt-1");
		Thread.sleep(350);
		assertThat(this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS)).status()).isEqualTo(401);
		assertThat(this.concord.count("POST /oauth2/introspect")).isEqualTo(2);
	}

	@Test
	void enforceWhenConcordStoppedThenUnavailableNeverPermit() {
		this.protection.registry().register(MEDICATIONS);
		this.concord.introspections.put("rpt-1", active("r1"));
		this.concord.close();
		assertThat(this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS)))
			.isInstanceOf(Enforcement.Unavailable.class);
		assertThat(this.protection.enforce(null, List.of(MEDICATIONS)).status()).isEqualTo(503);
	}

	@Test
	void enforceWhenConcordNoLongerTakesThePatThenANewOneIsFetchedOnce() {
		this.protection.registry().register(MEDICATIONS);
		this.concord.introspections.put("rpt-1", active("r1"));
		this.concord.validPat = "pat-2";
		assertThat(this.protection.enforce("Bearer rpt-1", List.of(MEDICATIONS)).status()).isEqualTo(200);
		assertThat(this.concord.count("POST /oauth2/token")).isEqualTo(2);
	}

	@Test
	void enforceWhenNothingNeededThenPermitsNothing() {
		Enforcement enforcement = this.protection.enforce(null, List.of());
		assertThat(((Enforcement.Permit) enforcement).permitted()).isEmpty();
		assertThat(this.concord.calls).isEmpty();
	}

	static String active(String resourceId) {
		long exp = System.currentTimeMillis() / 1000 + 300;
		return "{\"active\":true,\"client_id\":\"a81001-client\",\"org_code\":\"A81001\",\"exp\":" + exp
				+ ",\"purpose_of_use\":\"direct-care\",\"permissions\":[{\"resource_id\":\"" + resourceId
				+ "\",\"resource_scopes\":[\"read\"],\"exp\":" + exp + "}]}";
	}

}
