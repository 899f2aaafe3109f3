package care.concord.server.uma;

import care.concord.policy.request.OrgType;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestFixturesConfiguration;
import care.concord.server.TestOAuth;
import care.concord.server.TestPeople;
import care.concord.server.TestNhsNumbers;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A server started with {@code concord.keys.algorithm=ES256}: its JWK Set publishes a
 * P-256 key, access tokens (PATs) and RPTs are ES256-signed and verified by its own API
 * chain and introspection, discovery names ES256 for ID tokens, and a rotation makes a
 * new P-256 key sign while tokens of the old one stay valid. Its own in-memory database,
 * so the RS256 context of the other integration tests is untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK,
		properties = { "spring.datasource.url=jdbc:h2:mem:concord-es256;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
				+ "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "concord.keys.algorithm=ES256" })
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestFixturesConfiguration.class)
class Es256ServerTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestAgencies agencies;

	@Autowired
	TestPeople people;

	/** The UMA flow's request fixtures, on this context's MockMvc. */
	private final UmaGrantTests flow = new UmaGrantTests();

	@BeforeEach
	void flowOnThisServer() {
		this.flow.mvc = this.mvc;
	}

	@Test
	void jwksPublishesAnEcP256KeyAndDiscoveryNamesEs256() throws Exception {
		JWKSet keys = JWKSet
			.parse(this.mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString());
		assertThat(keys.getKeys()).isNotEmpty().allSatisfy((key) -> {
			assertThat(key).isInstanceOf(ECKey.class);
			assertThat(((ECKey) key).getCurve()).isEqualTo(Curve.P_256);
			assertThat(key.getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
			assertThat(key.isPrivate()).isFalse();
		});
		this.mvc.perform(get("/.well-known/openid-configuration"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id_token_signing_alg_values_supported", contains("ES256")));
	}

	@Test
	void umaExchangeWhenEs256ThenPatAndRptAreEs256AndVerify() throws Exception {
		TestAgency hospital = this.agencies.register(OrgType.ACUTE_HOSPITAL, "uma_protection");
		TestAgency gp = this.agencies.register(OrgType.GP, "uma_authorization", "decision");
		String citizen = TestNhsNumbers.next();
		String pat = hospital.accessToken();
		assertEs256(pat);

		String resource = this.flow.registerResource(pat, "medications", citizen);
		this.flow.declareRelationship(gp, citizen);
		String ticket = this.flow.ticket(pat, resource);
		String rpt = (String) TestOAuth
			.json(this.flow.token(gp, ticket, UmaGrantTests.claims("TREAT", "clinician", null))
				.andExpect(status().isOk())
				.andReturn())
			.get("access_token");
		assertEs256(rpt);
		this.flow.introspect(pat, rpt)
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.active").value(true))
			.andExpect(jsonPath("$.permissions[0].resource_id").value(resource));
	}

	@Test
	void rotateWhenEs256ThenNewP256KeySignsAndOldTokensStayValid() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP);
		String before = gp.accessToken();
		String oldKid = (String) TestOAuth.jwtHeader(before).get("kid");
		String newKid = (String) TestOAuth
			.json(this.mvc
				.perform(post("/api/admin/keys/rotate").header(HttpHeaders.AUTHORIZATION,
						"Bearer " + this.people.adminToken()))
				.andExpect(status().isCreated())
				.andExpect(jsonPath("$.algorithm").value("ES256"))
				.andReturn())
			.get("kid");
		assertThat(newKid).isNotEqualTo(oldKid);
		String after = gp.accessToken();
		assertThat(TestOAuth.jwtHeader(after)).containsEntry("kid", newKid);
		assertEs256(after);
		assertEs256(before);
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
				.param("token", before))
			.andExpect(jsonPath("$.active").value(true));
	}

	/**
	 * ES256 header, and the signature verifies with the P-256 key the JWK Set publishes
	 * under its kid.
	 */
	private void assertEs256(String token) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		JWKSet keys = JWKSet
			.parse(this.mvc.perform(get("/oauth2/jwks")).andReturn().getResponse().getContentAsString());
		JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("published key " + jwt.getHeader().getKeyID()).isInstanceOf(ECKey.class);
		assertThat(jwt.verify(new ECDSAVerifier((ECKey) key))).isTrue();
		assertThat(jwt.getSignature().decode()).as("JWS P-256 signature: R || S").hasSize(64);
	}

}
