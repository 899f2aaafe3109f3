package care.concord.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;

import care.concord.server.oauth.AuthorizationServerCustomizer;
import care.concord.server.oauth.ClientAssertionDecoderFactory;
import care.concord.server.oauth.ClientOwnerDirectory;
import care.concord.server.oauth.ClientOwnerIntrospectionAuthenticationProvider;
import care.concord.server.oauth.ClientSecretDigestEncoder;
import care.concord.server.oauth.ExactRedirectUriValidator;
import care.concord.server.oauth.OAuth2ClientAuthenticationEntryPoint;
import care.concord.server.oauth.PersonDirectory;
import care.concord.server.web.ProblemAccessDeniedHandler;
import care.concord.server.web.ProblemAuthenticationEntryPoint;

import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.ClientSecretAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Concord's three security filter chains.
 * <ol>
 * <li><b>Authorization server</b> ({@link Order} 1): the Spring Authorization Server
 * endpoints ({@code /oauth2/*}, {@code /.well-known/*}, {@code /connect/*},
 * {@code /userinfo}). Client authentication uses the {@code {sha256}} client secret
 * digest and the HEART {@code private_key_jwt} rules; redirect URIs match exactly;
 * introspection honours organisation status. <i>To add a grant or change an OAuth
 * endpoint, declare an {@link AuthorizationServerCustomizer} bean.</i></li>
 * <li><b>API</b> ({@link Order} 2): {@code /api/**}, {@code /access/**}, {@code /uma/**};
 * stateless bearer JWTs issued by Concord itself; authorities {@code SCOPE_x} and
 * {@code ROLE_x}; errors as problem details. <i>To protect a new endpoint, put it under
 * one of those prefixes and declare an {@link ApiAuthorizationRules} bean.</i></li>
 * <li><b>Default</b> ({@link Order} 3): the login page, the console's static files,
 * health, docs.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	/**
	 * No Micrometer observation per security filter, authentication and authorization:
	 * wrapping each of the chain's ~20 filters in an observation cost about a tenth of a
	 * token request's CPU. Requests are still timed per endpoint
	 * ({@code http.server.requests}), and authentication failures are in the audit log.
	 */
	@Bean
	static SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/** Path prefixes of the API chain. */
	public static final String[] API_PATHS = { "/api/**", "/access/**", "/uma/**", "/fhir/**" };

	@Bean
	@Order(1)
	SecurityFilterChain authorizationServerSecurityFilterChain(HttpSecurity http,
			ClientAssertionDecoderFactory assertionDecoders, ClientOwnerDirectory owners, PersonDirectory people,
			JwtDecoder jwtDecoder, ObjectProvider<AuthorizationServerCustomizer> customizers) throws Exception {
		OAuth2AuthorizationServerConfigurer authorizationServer = new OAuth2AuthorizationServerConfigurer();
		ClientSecretDigestEncoder clientSecrets = new ClientSecretDigestEncoder();
		http.securityMatcher(authorizationServer.getEndpointsMatcher()).with(authorizationServer, (server) -> {
			server.oidc(Customizer.withDefaults())
				.clientAuthentication((clientAuthentication) -> clientAuthentication
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof ClientSecretAuthenticationProvider secrets) {
							secrets.setPasswordEncoder(clientSecrets);
						}
						if (provider instanceof JwtClientAssertionAuthenticationProvider assertions) {
							assertions.setJwtDecoderFactory(assertionDecoders);
						}
					})))
				.authorizationEndpoint((authorization) -> authorization
					.authenticationProviders((providers) -> providers.forEach((provider) -> {
						if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider codeRequests) {
							codeRequests.setAuthenticationValidator(new ExactRedirectUriValidator()
								.andThen(new OAuth2AuthorizationCodeRequestAuthenticationValidator()));
						}
					})))
				.tokenIntrospectionEndpoint((introspection) -> introspection
					.authenticationProviders((providers) -> providers.replaceAll((provider) -> {
						if (provider instanceof OAuth2TokenIntrospectionAuthenticationProvider) {
							return new ClientOwnerIntrospectionAuthenticationProvider(provider, owners, people);
						}
						return provider;
					})));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(server));
		})
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
			// OIDC UserInfo, client registration and (for UMA resource servers presenting
			// their PAT) introspection
			// accept Concord's own access tokens as bearer credentials; on the token and
			// revocation endpoints a
			// bearer header is not a credential and is left to the endpoint's own error
			// handling.
			.oauth2ResourceServer((resourceServer) -> resourceServer.bearerTokenResolver(userInfoBearerTokens())
				.jwt((jwt) -> jwt.decoder(jwtDecoder)))
			.exceptionHandling((exceptions) -> exceptions
				// client-authenticated endpoints without any client credentials: OAuth
				// JSON, not a login page
				.defaultAuthenticationEntryPointFor(new OAuth2ClientAuthenticationEntryPoint(),
						clientAuthenticatedEndpoints())
				// UserInfo without a token: 401 with the RFC 6750 challenge, also for
				// Accept: */*
				.defaultAuthenticationEntryPointFor(new BearerTokenAuthenticationEntryPoint(),
						PathPatternRequestMatcher.withDefaults().matcher("/userinfo"))
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
						new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
		return http.build();
	}

	@Bean
	@Order(2)
	SecurityFilterChain apiSecurityFilterChain(HttpSecurity http, JwtDecoder jwtDecoder,
			ObjectProvider<ApiAuthorizationRules> rules) throws Exception {
		ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
		ProblemAccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
		http.securityMatcher(API_PATHS).authorizeHttpRequests((authorize) -> {
			authorize.requestMatchers("/api/admin/**").hasRole("admin");
			rules.orderedStream().forEach((rule) -> rule.configure(authorize));
			authorize.anyRequest().authenticated();
		})
			.oauth2ResourceServer((resourceServer) -> resourceServer
				.jwt((jwt) -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(jwtAuthenticationConverter()))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	@Bean
	@Order(3)
	SecurityFilterChain defaultSecurityFilterChain(HttpSecurity http, ObjectProvider<SignInCustomizer> signIn)
			throws Exception {
		// sign-in through upstream OpenID Connect providers (NHS login, CIS2); the second
		// factor of local accounts;
		// the sign-in page's failure handling
		for (SignInCustomizer customizer : signIn.orderedStream().toList()) {
			customizer.configure(http);
		}
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers("/", "/login", "/error", "/favicon.ico", "/console", "/console/**", "/actuator/health",
					"/actuator/health/**", "/actuator/info", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html",
					"/swagger-ui/**")
			.permitAll()
			// Prometheus scrapes from the same host (or through a local agent); never
			// exposed to the network.
			.requestMatchers("/actuator/prometheus")
			.access((authentication,
					context) -> new AuthorizationDecision(isLoopback(context.getRequest().getRemoteAddr())))
			.anyRequest()
			.authenticated()).formLogin((form) -> form.loginPage("/login").permitAll());
		return http.build();
	}

	private static BearerTokenResolver userInfoBearerTokens() {
		DefaultBearerTokenResolver resolver = new DefaultBearerTokenResolver();
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher bearerEndpoints = new OrRequestMatcher(paths.matcher("/userinfo"),
				paths.matcher("/connect/register"), paths.matcher("/oauth2/introspect"));
		return (request) -> bearerEndpoints.matches(request) ? resolver.resolve(request) : null;
	}

	private static RequestMatcher clientAuthenticatedEndpoints() {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		return new OrRequestMatcher(paths.matcher("/oauth2/token"), paths.matcher("/oauth2/introspect"),
				paths.matcher("/oauth2/revoke"), paths.matcher("/oauth2/par"),
				paths.matcher("/oauth2/device_authorization"));
	}

	private static JwtAuthenticationConverter jwtAuthenticationConverter() {
		JwtGrantedAuthoritiesConverter scopes = new JwtGrantedAuthoritiesConverter();
		JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
		roles.setAuthoritiesClaimName("roles");
		roles.setAuthorityPrefix("ROLE_");
		Converter<Jwt, Collection<GrantedAuthority>> both = (jwt) -> {
			Collection<GrantedAuthority> authorities = new ArrayList<>(scopes.convert(jwt));
			if (jwt.hasClaim("roles")) {
				authorities.addAll(roles.convert(jwt));
			}
			return authorities;
		};
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(both);
		return converter;
	}

	private static boolean isLoopback(String address) {
		if (address == null) {
			return false;
		}
		try {
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
