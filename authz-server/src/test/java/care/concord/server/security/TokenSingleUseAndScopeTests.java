package care.concord.server.security;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import care.concord.policy.request.OrgType;
import care.concord.server.ConcordIntegrationTest;
import care.concord.server.TestAgencies;
import care.concord.server.TestAgencies.TestAgency;
import care.concord.server.TestNhsNumbers;
import care.concord.server.TestOAuth;
import care.concord.server.TestOAuth.Pkce;
import care.concord.server.TestPeople;
import care.concord.server.people.PersonView;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Issue #12 findings 3 and 4: an authorization code is redeemed once, even concurrently,
 * and a replay revokes the tokens issued from it; introspection tells a client only about
 * its own tokens.
 */
@ConcordIntegrationTest
class TokenSingleUseAndScopeTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	TestPeople people;

	@Autowired
	TestAgencies agencies;

	@Test
	void tokenWhenOneCodeRedeemedConcurrentlyThenExactlyOneSucceedsAndItsTokenIsRevoked() throws Exception {
		PersonView admin = this.people.admin();
		this.people.accessToken(admin.username()); // registers the test client
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI,
				this.people.login(admin.username(), TestPeople.PASSWORD), pkce, "openid");
		int attempts = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			List<Future<MvcResult>> results = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				Callable<MvcResult> redeem = () -> {
					start.await();
					return redeem(code, pkce);
				};
				results.add(pool.submit(redeem));
			}
			start.countDown();
			List<String> accessTokens = new ArrayList<>();
			int refused = 0;
			for (Future<MvcResult> result : results) {
				MvcResult done = result.get(60, TimeUnit.SECONDS);
				MockHttpServletResponse response = done.getResponse();
				if (response.getStatus() == 200) {
					accessTokens.add((String) TestOAuth.json(done).get("access_token"));
				}
				else {
					assertThat(response.getStatus()).isEqualTo(400);
					assertThat(response.getContentAsString()).contains("invalid_grant");
					refused++;
				}
			}
			assertThat(accessTokens).hasSize(1);
			assertThat(refused).isEqualTo(attempts - 1);
			// the concurrent replays revoked the one token that was issued
			this.mvc.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + accessTokens.get(0)))
				.andExpect(status().isUnauthorized());
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void tokenWhenCodeReplayedLaterThenInvalidGrantAndFirstTokenRevoked() throws Exception {
		PersonView admin = this.people.admin();
		this.people.accessToken(admin.username());
		Pkce pkce = Pkce.generate();
		String code = this.people.authorizationCode(TestPeople.CLIENT_ID, TestPeople.REDIRECT_URI,
				this.people.login(admin.username(), TestPeople.PASSWORD), pkce, "openid");
		String token = (String) TestOAuth
			.json(this.mvc.perform(redeemRequest(code, pkce)).andExpect(status().isOk()).andReturn())
			.get("access_token");
		this.mvc
			.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isOk());
		this.mvc.perform(redeemRequest(code, pkce))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value("invalid_grant"));
		this.mvc
			.perform(get("/api/admin/people/" + admin.username()).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void introspectWhenAnotherClientsTokenThenInactive() throws Exception {
		TestAgency gp = this.agencies.register(OrgType.GP, "decision");
		TestAgency pharmacy = this.agencies.register(OrgType.PHARMACY, "decision");
		String citizenToken = this.people.accessToken(this.people.citizen(TestNhsNumbers.next()).username());
		String pharmacyToken = pharmacy.accessToken();
		for (String token : List.of(citizenToken, pharmacyToken)) {
			this.mvc
				.perform(post("/oauth2/introspect")
					.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(gp.clientId(), gp.clientSecret()))
					.param("token", token))
				.andExpect(status().isOk())
				.andExpect(jsonPath("$.active").value(false))
				.andExpect(jsonPath("$.sub").doesNotExist())
				.andExpect(jsonPath("$.nhs_number").doesNotExist());
		}
		this.mvc
			.perform(post("/oauth2/introspect")
				.header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(pharmacy.clientId(), pharmacy.clientSecret()))
				.param("token", pharmacyToken))
			.andExpect(jsonPath("$.active").value(true));
	}

	private MvcResult redeem(String code, Pkce pkce) throws Exception {
		return this.mvc.perform(redeemRequest(code, pkce)).andReturn();
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder redeemRequest(String code,
			Pkce pkce) {
		return post("/oauth2/token").param("grant_type", "authorization_code")
			.param("code", code)
			.param("redirect_uri", TestPeople.REDIRECT_URI)
			.param("client_id", TestPeople.CLIENT_ID)
			.param("code_verifier", pkce.verifier());
	}

}
