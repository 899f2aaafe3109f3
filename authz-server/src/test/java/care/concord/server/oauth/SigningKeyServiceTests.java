package care.concord.server.oauth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Persisted signing keys: reuse across restarts, rotation, publication of retired keys.
 */
@ConcordIntegrationTest
class SigningKeyServiceTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	SigningKeyService keys;

	@Autowired
	SigningKeyRepository repository;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	@Test
	void initializeWhenKeysStoredThenFreshServiceSignsWithSameKey() throws Exception {
		String kid = this.keys.currentSigningKey().getKeyID();
		long stored = this.repository.count();
		SigningKeyService restarted = service(Clock.systemUTC());
		restarted.initialize();
		assertThat(restarted.currentSigningKey().getKeyID()).isEqualTo(kid);
		assertThat(restarted.currentSigningKey().toRSAKey().toPrivateKey())
			.isEqualTo(this.keys.currentSigningKey().toRSAKey().toPrivateKey());
		assertThat(this.repository.count()).isEqualTo(stored);
	}

	@Test
	void rotateWhenAdminThenNewKeySignsAndOldKeyStaysPublished() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP);
		String before = gp.accessToken();
		String oldKid = (String) TestOAuth.jwtHeader(before).get("kid");
		String admin = this.people.adminToken();
		MvcResult rotated = this.mvc
			.perform(post("/api/admin/keys/rotate").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.status").value("active"))
			.andExpect(jsonPath("$.private_key").doesNotExist())
			.andReturn();
		String newKid = (String) TestOAuth.json(rotated).get("kid");
		assertThat(newKid).isNotEqualTo(oldKid);
		this.mvc.perform(get("/oauth2/jwks"))
			.andExpect(jsonPath("$.keys[?(@.kid == '" + oldKid + "')]").exists())
			.andExpect(jsonPath("$.keys[?(@.kid == '" + newKid + "')]").exists());
		String after = gp.accessToken();
		assertThat(TestOAuth.jwtHeader(after)).containsEntry("kid", newKid);
		// a token signed before the rotation still works everywhere
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", before))
			.andExpect(jsonPath("$.active").value(true));
		String listed = this.mvc.perform(get("/api/admin/keys").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(listed).contains("\"kid\":\"" + oldKid + "\",\"algorithm\":\"RS256\",\"status\":\"retired\"")
			.doesNotContain("private");
	}

	@Test
	void publishedJwkSourceWhenRetiredKeyExpiredThenNotPublished() throws Exception {
		this.keys.rotate();
		String retiredKid = this.keys.currentSigningKey().getKeyID();
		this.keys.rotate();
		SigningKey retired = this.repository.findById(retiredKid).orElseThrow();
		assertThat(retired.getStatus()).isEqualTo(SigningKeyStatus.RETIRED);
		Instant afterRetention = retired.getNotAfter().plus(Duration.ofSeconds(1));
		SigningKeyService later = service(Clock.fixed(afterRetention, ZoneOffset.UTC));
		assertThat(kids(later)).doesNotContain(retiredKid).contains(this.keys.currentSigningKey().getKeyID());
		SigningKeyService now = service(Clock.systemUTC());
		assertThat(kids(now)).contains(retiredKid);
	}

	@Test
	void rotateWhenCitizenThenForbidden() throws Exception {
		String citizen = this.people
			.accessToken(this.people.citizen(care.concord.server.TestNhsNumbers.next()).username());
		this.mvc.perform(post("/api/admin/keys/rotate").header(HttpHeaders.AUTHORIZATION, "Bearer " + citizen))
			.andExpect(status().isForbidden());
	}

	private SigningKeyService service(Clock clock) {
		return new SigningKeyService(this.repository, new TransactionTemplate(this.transactionManager),
				new SigningKeyProperties("RS256", Duration.ofHours(24), false, 2048, "auto"), clock);
	}

	private static List<String> kids(SigningKeyService service) throws Exception {
		return service.publishedJwkSource()
			.get(new JWKSelector(new JWKMatcher.Builder().build()), null)
			.stream()
			.map(JWK::getKeyID)
			.toList();
	}

}
