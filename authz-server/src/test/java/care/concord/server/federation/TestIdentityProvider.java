package care.concord.server.federation;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.servlet.context.AnnotationConfigServletWebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * A real OpenID Connect provider for the tests, shaped like NHS login and CIS2: another
 * Spring Authorization Server, in its own application context on a random port of
 * {@code localhost} (Concord runs on {@code 127.0.0.1}, so the browser keeps their
 * cookies apart). It authenticates Concord with {@code private_key_jwt} against Concord's
 * {@code /federation/jwks}, requires PKCE, returns the {@code nonce}, signs ID tokens
 * with its own key, and signs people in with its own login form (any {@link #person
 * person} it was given, password {@value #PASSWORD}). Each person's ID token carries the
 * claims the test gave them (NHS login's {@code nhs_number},
 * {@code identity_proofing_level}, {@code vot}; CIS2's {@code nhsid_useruid},
 * {@code selected_roleid}, {@code nhsid_nrbac_roles}, {@code acr}), and a person may be
 * given a {@link Tamper} that breaks their ID token in one way.
 */
final class TestIdentityProvider implements AutoCloseable {

	static final String PASSWORD = "idp-password";

	/** Concord's client id for NHS login-shaped sign-in. */
	static final String NHS_LOGIN_CLIENT = "concord-nhs-login";

	/** Concord's client id for CIS2-shaped sign-in. */
	static final String CIS2_CLIENT = "concord-cis2";

	/** One way to break a person's ID token. */
	enum Tamper {

		NONE, WRONG_SIGNATURE, WRONG_ISSUER, WRONG_AUDIENCE, WRONG_NONCE, EXPIRED

	}

	private record Person(Map<String, Object> claims, Tamper tamper) {
	}

	private final Map<String, Person> people = new ConcurrentHashMap<>();

	private final RSAKey signingKey = rsa("idp-key");

	/**
	 * A key of the same {@code kid} that the provider does not publish: a forged
	 * signature.
	 */
	private final RSAKey rogueKey = rsa("idp-key");

	private volatile String concordBaseUrl;

	private final AnnotationConfigServletWebServerApplicationContext context;

	TestIdentityProvider() {
		this.context = new AnnotationConfigServletWebServerApplicationContext();
		this.context.registerBean(TestIdentityProvider.class, () -> this);
		this.context.register(Server.class);
		this.context.refresh();
	}

	/** The issuer, {@code http://localhost:<port>}. */
	String issuer() {
		return "http://localhost:" + this.context.getWebServer().getPort();
	}

	/** Where Concord runs (its redirect URIs and {@code /federation/jwks}). */
	void concord(String baseUrl) {
		this.concordBaseUrl = baseUrl;
	}

	/** Adds (or replaces) a person who may sign in, with their ID token claims. */
	void person(String username, Map<String, Object> claims) {
		person(username, claims, Tamper.NONE);
	}

	void person(String username, Map<String, Object> claims, Tamper tamper) {
		this.people.put(username, new Person(Map.copyOf(claims), tamper));
	}

	/**
	 * An ID token this provider signs with its published key (or, forged, with a key of
	 * the same {@code kid} it does not publish), as it would issue to another relying
	 * party, such as an agency's clinical system.
	 */
	String idToken(Map<String, Object> claims, String audience, String issuer, boolean forged) throws Exception {
		Instant now = Instant.now();
		com.nimbusds.jwt.JWTClaimsSet.Builder builder = new com.nimbusds.jwt.JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.issueTime(java.util.Date.from(now))
			.expirationTime(java.util.Date.from(now.plusSeconds(300)));
		claims.forEach(builder::claim);
		RSAKey key = forged ? this.rogueKey : this.signingKey;
		com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
				new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.RS256).keyID(key.getKeyID())
					.build(),
				builder.build());
		jwt.sign(new com.nimbusds.jose.crypto.RSASSASigner(key));
		return jwt.serialize();
	}

	@Override
	public void close() {
		this.context.close();
	}

	private RegisteredClient client(String clientId) {
		String concord = this.concordBaseUrl;
		if (concord == null || !(NHS_LOGIN_CLIENT.equals(clientId) || CIS2_CLIENT.equals(clientId))) {
			return null;
		}
		String registrationId = NHS_LOGIN_CLIENT.equals(clientId) ? "nhs-login" : "cis2";
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(concord + "/login/oauth2/code/" + registrationId)
			.scope(OidcScopes.OPENID)
			.scope(OidcScopes.PROFILE)
			.clientSettings(ClientSettings.builder()
				.jwkSetUrl(concord + "/federation/jwks")
				.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.RS256)
				.requireProofKey(true)
				.build())
			.build();
	}

	private void customize(JwtEncodingContext context) {
		if (!"id_token".equals(context.getTokenType().getValue())) {
			return;
		}
		Person person = this.people.get(context.getPrincipal().getName());
		if (person == null) {
			return;
		}
		context.getClaims().claims((claims) -> claims.putAll(person.claims()));
		Instant now = Instant.now();
		switch (person.tamper()) {
			case WRONG_ISSUER -> context.getClaims().issuer("http://localhost:1/not-the-issuer");
			case WRONG_AUDIENCE -> context.getClaims().audience(List.of("someone-else"));
			case WRONG_NONCE -> context.getClaims().claim("nonce", "not-the-nonce");
			case EXPIRED ->
				context.getClaims().issuedAt(now.minus(Duration.ofHours(2))).expiresAt(now.minus(Duration.ofHours(1)));
			default -> {
			}
		}
	}

	private boolean forged(org.springframework.security.oauth2.jwt.JwtEncoderParameters parameters) {
		Object subject = parameters.getClaims().getClaims().get("sub");
		Person person = (subject != null) ? this.people.values()
			.stream()
			.filter((candidate) -> subject.equals(candidate.claims().get("sub")))
			.findFirst()
			.orElse(null) : null;
		return person != null && person.tamper() == Tamper.WRONG_SIGNATURE
				&& parameters.getClaims().getClaims().containsKey("nonce");
	}

	private static RSAKey rsa(String keyId) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(keyId)
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The provider's Spring configuration: no auto-configuration, just Tomcat and the
	 * security filters. A test configuration, so that Concord's component scan leaves it
	 * out.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	@EnableWebSecurity
	static class Server {

		@Bean
		TomcatServletWebServerFactory webServerFactory() {
			TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory(0);
			factory.setAddress(java.net.InetAddress.getLoopbackAddress());
			// no DispatcherServlet: Tomcat runs the filters only for a request some
			// servlet is mapped to
			factory.setRegisterDefaultServlet(true);
			return factory;
		}

		@Bean
		@Order(1)
		SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
			OAuth2AuthorizationServerConfigurer server = new OAuth2AuthorizationServerConfigurer();
			http.securityMatcher(server.getEndpointsMatcher())
				.with(server, (configurer) -> configurer.oidc(Customizer.withDefaults()))
				.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
				.oauth2ResourceServer((resourceServer) -> resourceServer.jwt(Customizer.withDefaults()))
				.exceptionHandling((exceptions) -> exceptions.defaultAuthenticationEntryPointFor(
						new LoginUrlAuthenticationEntryPoint("/login"),
						new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
			return http.build();
		}

		@Bean
		@Order(2)
		SecurityFilterChain login(HttpSecurity http) throws Exception {
			http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
				.formLogin(Customizer.withDefaults());
			return http.build();
		}

		@Bean
		UserDetailsService users(TestIdentityProvider provider) {
			return (username) -> {
				if (!provider.people.containsKey(username)) {
					throw new UsernameNotFoundException(username);
				}
				return User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
			};
		}

		@Bean
		RegisteredClientRepository clients(TestIdentityProvider provider) {
			return new RegisteredClientRepository() {

				@Override
				public void save(RegisteredClient registeredClient) {
					throw new UnsupportedOperationException();
				}

				@Override
				public RegisteredClient findById(String id) {
					return provider.client(id);
				}

				@Override
				public RegisteredClient findByClientId(String clientId) {
					return provider.client(clientId);
				}

			};
		}

		@Bean
		JWKSource<SecurityContext> jwkSource(TestIdentityProvider provider) {
			return new ImmutableJWKSet<>(new JWKSet(provider.signingKey));
		}

		@Bean
		org.springframework.security.oauth2.jwt.JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
			return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
		}

		@Bean
		JwtEncoder jwtEncoder(TestIdentityProvider provider, JWKSource<SecurityContext> keys) {
			JwtEncoder real = new NimbusJwtEncoder(keys);
			JwtEncoder rogue = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(provider.rogueKey)));
			return (parameters) -> (provider.forged(parameters) ? rogue : real).encode(parameters);
		}

		@Bean
		OAuth2TokenCustomizer<JwtEncodingContext> tokenCustomizer(TestIdentityProvider provider) {
			return provider::customize;
		}

		@Bean
		AuthorizationServerSettings authorizationServerSettings() {
			return AuthorizationServerSettings.builder().build();
		}

	}

}
