package care.concord.server;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import care.concord.policy.request.OrgType;
import care.concord.server.agency.AgencyRegistration;
import care.concord.server.agency.AgencyService;
import care.concord.server.agency.ClientRegistration;
import care.concord.server.agency.ClientView;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Test fixture: registers an agency with a client and obtains tokens, in one line.
 *
 * <pre>
 * String token = testAgencies.register(OrgType.GP, "decision").accessToken();
 * TestAgency lab = testAgencies.agency(OrgType.ACUTE_HOSPITAL).scopes("uma_protection").register();
 * </pre> Every agency gets a fresh random code, so tests sharing the cached context never
 * collide.
 */
public final class TestAgencies {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

	private final MockMvc mvc;

	private final AgencyService agencies;

	public TestAgencies(MockMvc mvc, AgencyService agencies) {
		this.mvc = mvc;
		this.agencies = agencies;
	}

	/**
	 * Registers an agency of that type with a {@code client_secret_basic}
	 * client_credentials client.
	 */
	public TestAgency register(OrgType type, String... scopes) {
		return agency(type).scopes(scopes).register();
	}

	/**
	 * Registers an agency of that type without a client, so that directives may name it;
	 * returns its fresh code.
	 */
	public String registerAgency(OrgType type) {
		String code = randomCode();
		this.agencies.register(new AgencyRegistration(code, "Test " + type.label() + " " + code, type.code()));
		return code;
	}

	/** Disables the agency (it stays registered). */
	public void disable(String code) {
		this.agencies.setEnabled(code, false);
	}

	/** A builder for an agency and its first client. */
	public Builder agency(OrgType type) {
		return new Builder(type);
	}

	/** A fresh random organisation code (8 characters). */
	public static String randomCode() {
		StringBuilder code = new StringBuilder("T");
		for (int i = 0; i < 7; i++) {
			code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	/**
	 * Obtains an access token with client_credentials and HTTP Basic client
	 * authentication.
	 */
	public String clientCredentialsToken(String clientId, String secret, String... scopes) {
		try {
			var request = post("/oauth2/token").header(HttpHeaders.AUTHORIZATION, TestOAuth.basic(clientId, secret))
				.param("grant_type", "client_credentials");
			if (scopes.length > 0) {
				request.param("scope", String.join(" ", scopes));
			}
			MvcResult result = this.mvc.perform(request).andExpect(status().isOk()).andReturn();
			return (String) TestOAuth.json(result).get("access_token");
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Builder of a test agency and its first client. */
	public final class Builder {

		private final OrgType type;

		private String code = randomCode();

		private List<String> scopes = new ArrayList<>(List.of("decision", "identity", "record_location"));

		private String authMethod = "client_secret_basic";

		private List<String> grantTypes = List.of("client_credentials");

		private List<String> redirectUris = List.of();

		private Map<String, Object> jwks;

		private String jwksUri;

		private String signingAlgorithm;

		private Builder(OrgType type) {
			this.type = type;
		}

		public Builder code(String code) {
			this.code = code;
			return this;
		}

		public Builder scopes(String... scopes) {
			if (scopes.length > 0) {
				this.scopes = Arrays.asList(scopes);
			}
			return this;
		}

		public Builder authMethod(String authMethod) {
			this.authMethod = authMethod;
			return this;
		}

		public Builder grantTypes(String... grantTypes) {
			this.grantTypes = Arrays.asList(grantTypes);
			return this;
		}

		public Builder redirectUris(String... redirectUris) {
			this.redirectUris = Arrays.asList(redirectUris);
			return this;
		}

		/** Inline public JWK Set for private_key_jwt. */
		public Builder jwks(Map<String, Object> jwks, String signingAlgorithm) {
			this.jwks = jwks;
			this.signingAlgorithm = signingAlgorithm;
			return this;
		}

		/** JWK Set URL for private_key_jwt. */
		public Builder jwksUri(String jwksUri, String signingAlgorithm) {
			this.jwksUri = jwksUri;
			this.signingAlgorithm = signingAlgorithm;
			return this;
		}

		public TestAgency register() {
			TestAgencies.this.agencies.register(
					new AgencyRegistration(this.code, "Test " + this.type.label() + " " + this.code, this.type.code()));
			ClientView client = TestAgencies.this.agencies.addClient(this.code,
					new ClientRegistration(this.code.toLowerCase() + "-client", this.authMethod, this.grantTypes,
							this.scopes, this.redirectUris, this.jwksUri, this.jwks, this.signingAlgorithm, false));
			return new TestAgency(this.code, this.type, client.clientId(), client.clientSecret(),
					List.copyOf(this.scopes), TestAgencies.this);
		}

	}

	/**
	 * A registered test agency and its client.
	 *
	 * @param code organisation code
	 * @param type organisation type
	 * @param clientId its client's id
	 * @param clientSecret its client's secret (null for private_key_jwt / public clients)
	 * @param scopes the client's scopes
	 * @param fixtures the fixture that created it
	 */
	public record TestAgency(String code, OrgType type, String clientId, String clientSecret, List<String> scopes,
			TestAgencies fixtures) {

		/**
		 * A client_credentials access token with the scopes given, or all the client's
		 * scopes.
		 */
		public String accessToken(String... scopes) {
			String[] requested = (scopes.length > 0) ? scopes : this.scopes.toArray(String[]::new);
			return this.fixtures.clientCredentialsToken(this.clientId, this.clientSecret, requested);
		}

	}

}
