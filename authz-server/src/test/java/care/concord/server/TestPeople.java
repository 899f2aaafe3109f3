package care.concord.server;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.people.ConsoleClient;
import care.concord.server.people.PeopleService;
import care.concord.server.people.PersonRegistration;
import care.concord.server.people.PersonView;

import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Test fixture: creates people's accounts and obtains their access tokens through the
 * real authorization code + PKCE flow of a first-party public test client.
 *
 * <pre>
 * String admin = testPeople.adminToken();
 * String citizen = testPeople.accessToken(testPeople.citizen("9434765919").username());
 * </pre>
 */
public final class TestPeople {

	/** The first-party public client the fixture uses. */
	public static final String CLIENT_ID = "test-console";

	public static final String REDIRECT_URI = "http://127.0.0.1/test/callback";

	public static final String PASSWORD = "correct-horse-battery-staple";

	private final MockMvc mvc;

	private final PeopleService people;

	private final UserDetailsService userDetails;

	private final RegisteredClientRepository clients;

	private final TokenLifetimes lifetimes;

	private String adminToken;

	private Instant adminTokenObtained = Instant.EPOCH;

	public TestPeople(MockMvc mvc, PeopleService people, UserDetailsService userDetails,
			RegisteredClientRepository clients, TokenLifetimes lifetimes) {
		this.mvc = mvc;
		this.people = people;
		this.userDetails = userDetails;
		this.clients = clients;
		this.lifetimes = lifetimes;
	}

	/**
	 * Creates an account with a random username, the given roles and (for citizens) NHS
	 * number.
	 */
	public PersonView create(List<String> roles, String nhsNumber) {
		String username = roles.get(0) + "-" + UUID.randomUUID().toString().substring(0, 8);
		return this.people.create(new PersonRegistration(username, PASSWORD, null, roles, nhsNumber));
	}

	/** Disables the account. */
	public void disable(String username) {
		this.people.setEnabled(username, false);
	}

	public PersonView admin() {
		return create(List.of("admin"), null);
	}

	public PersonView citizen(String nhsNumber) {
		return create(List.of("citizen"), nhsNumber);
	}

	/**
	 * An access token of an admin account, reused for a few minutes across tests (a fresh
	 * account and sign-in each time would dominate the suite's run time).
	 */
	public synchronized String adminToken() {
		if (this.adminToken == null || Instant.now().isAfter(this.adminTokenObtained.plusSeconds(240))) {
			this.adminToken = accessToken(admin().username());
			this.adminTokenObtained = Instant.now();
		}
		return this.adminToken;
	}

	/**
	 * An access token for the person, via authorization code + PKCE S256 with the test
	 * console client.
	 */
	public String accessToken(String username) {
		return accessToken(username, PASSWORD);
	}

	/**
	 * An access token for the person with that password (an account the fixture did not
	 * create, e.g. the demo profile's).
	 */
	public String accessToken(String username, String password) {
		return (String) tokenResponse(username, password).get("access_token");
	}

	/** The token response of the authorization code flow for the person. */
	public java.util.Map<String, Object> tokenResponse(String username) {
		return tokenResponse(username, PASSWORD);
	}

	private java.util.Map<String, Object> tokenResponse(String username, String password) {
		ensureClient();
		TestOAuth.Pkce pkce = TestOAuth.Pkce.generate();
		try {
			String code = authorizationCode(CLIENT_ID, REDIRECT_URI, login(username, password), pkce, "openid");
			MvcResult token = this.mvc
				.perform(post("/oauth2/token").param("grant_type", "authorization_code")
					.param("code", code)
					.param("redirect_uri", REDIRECT_URI)
					.param("client_id", CLIENT_ID)
					.param("code_verifier", pkce.verifier()))
				.andExpect(status().isOk())
				.andReturn();
			return TestOAuth.json(token);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Signs in through the login form and returns the authenticated session. */
	public MockHttpSession login(String username, String password) throws Exception {
		MvcResult login = this.mvc
			.perform(post("/login").param("username", username).param("password", password).with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		if (login.getResponse().getRedirectedUrl() != null
				&& login.getResponse().getRedirectedUrl().contains("error")) {
			throw new IllegalStateException("login failed for " + username);
		}
		return (MockHttpSession) login.getRequest().getSession(false);
	}

	/**
	 * Runs the authorization endpoint in the signed-in session and returns the issued
	 * code.
	 */
	public String authorizationCode(String clientId, String redirectUri, MockHttpSession session, TestOAuth.Pkce pkce,
			String scope) throws Exception {
		MvcResult authorize = this.mvc
			.perform(get("/oauth2/authorize").queryParam("response_type", "code")
				.queryParam("client_id", clientId)
				.queryParam("redirect_uri", redirectUri)
				.queryParam("scope", scope)
				.queryParam("state", "state-" + UUID.randomUUID())
				.queryParam("code_challenge", pkce.challenge())
				.queryParam("code_challenge_method", "S256")
				.session(session))
			.andExpect(status().is3xxRedirection())
			.andReturn();
		URI location = URI.create(authorize.getResponse().getRedirectedUrl());
		String code = UriComponentsBuilder.fromUri(location).build().getQueryParams().getFirst("code");
		if (code == null) {
			throw new IllegalStateException("no code in redirect " + location);
		}
		return code;
	}

	private void ensureClient() {
		ConsoleClient.registerIfAbsent(this.clients, CLIENT_ID, List.of(REDIRECT_URI), this.lifetimes, Instant.now());
	}

}
