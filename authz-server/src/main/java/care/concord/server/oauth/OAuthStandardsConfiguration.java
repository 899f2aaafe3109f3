package care.concord.server.oauth;

import java.util.Set;

import care.concord.server.web.EndpointUriObservationConvention;
import care.concord.server.web.PublicDocuments;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcUserInfoAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The standard edges of the authorization server chain: discovery documents that list
 * only what works ({@link OAuthDiscovery}), {@code 401 invalid_client} with a challenge
 * ({@link ClientAuthenticationFailureHandler}), UserInfo claims for scope {@code profile}
 * and a bearer challenge (not the login page) at UserInfo without a token (see the
 * authorization server chain in {@code SecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class OAuthStandardsConfiguration {

	/**
	 * The OIDC discovery document restricted by {@link OAuthDiscovery}; the RFC 8414
	 * document is restricted by the UMA feature's metadata customizer, since the server
	 * takes only one.
	 */
	@Bean
	AuthorizationServerCustomizer oauthStandardsCustomizer(PersonDirectory people, MeterRegistry meters,
			SigningKeyService keys) {
		ClientAuthenticationFailureHandler clientFailures = new ClientAuthenticationFailureHandler(meters);
		TokenResponseCounter tokenResponses = new TokenResponseCounter(meters);
		return (server) -> server
			.clientAuthentication((clientAuthentication) -> clientAuthentication.errorResponseHandler(clientFailures))
			.tokenEndpoint((token) -> token.accessTokenResponseHandler(tokenResponses))
			.oidc((oidc) -> oidc.providerConfigurationEndpoint((configuration) -> configuration
				// one customizer per endpoint: the restricted methods, and the ID token
				// algorithm of the current
				// signing key (RS256, or ES256 with concord.keys.algorithm=ES256), read
				// on every request so
				// that a rotation to another algorithm shows at once
				.providerConfigurationCustomizer((builder) -> builder.claims(OAuthDiscovery::restrict)
					// RFC 9207: iss on authorization responses
					// (oauth.AuthorizationResponseFilter)
					.claim("authorization_response_iss_parameter_supported", true)
					.idTokenSigningAlgorithms((algorithms) -> {
						algorithms.clear();
						algorithms.add(keys.currentAlgorithm().getName());
					})))
				.userInfoEndpoint((userInfo) -> userInfo.userInfoMapper((context) -> userInfo(context, people))));
	}

	@Bean
	FilterRegistrationBean<JwkSetMediaTypeFilter> jwkSetMediaTypeFilter(AuthorizationServerSettings settings) {
		FilterRegistrationBean<JwkSetMediaTypeFilter> registration = new FilterRegistrationBean<>(
				new JwkSetMediaTypeFilter(settings.getJwkSetEndpoint()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
		return registration;
	}

	/**
	 * {@code http.server.requests} with the paths of the endpoints filters answer, not
	 * {@code UNKNOWN}.
	 */
	@Bean
	EndpointUriObservationConvention endpointUriObservationConvention(AuthorizationServerSettings settings) {
		return new EndpointUriObservationConvention(
				Set.of(settings.getTokenEndpoint(), settings.getTokenIntrospectionEndpoint(),
						settings.getTokenRevocationEndpoint(), settings.getJwkSetEndpoint(),
						settings.getAuthorizationEndpoint(), settings.getPushedAuthorizationRequestEndpoint(),
						settings.getOidcUserInfoEndpoint(), settings.getOidcLogoutEndpoint(),
						"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"));
	}

	/** Protected resource metadata is public, like the authorization server metadata. */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain protectedResourceMetadataSecurityFilterChain(HttpSecurity http) throws Exception {
		return PublicDocuments.chain(http, ProtectedResourceMetadataController.PATH);
	}

	/**
	 * UserInfo (OIDC Core section 5.3): {@code sub} always; with scope {@code profile}
	 * the account's {@code preferred_username} and, when it has one, {@code name}.
	 */
	static OidcUserInfo userInfo(OidcUserInfoAuthenticationContext context, PersonDirectory people) {
		String subject = context.getAuthorization().getPrincipalName();
		OidcUserInfo.Builder claims = OidcUserInfo.builder().subject(subject);
		Set<String> scopes = context.getAccessToken().getScopes();
		if (scopes.contains(OidcScopes.PROFILE)) {
			claims.preferredUsername(subject);
			people.findEnabled(subject)
				.map(PersonClaims::displayName)
				.filter((name) -> !name.isBlank())
				.ifPresent(claims::name);
		}
		return claims.build();
	}

}
