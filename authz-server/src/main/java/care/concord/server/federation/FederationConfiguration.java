package care.concord.server.federation;

import java.time.Clock;
import care.concord.server.audit.AuditLog;
import care.concord.server.people.PersonRepository;
import care.concord.server.people.PersonRole;
import care.concord.server.people.UpstreamSignInLinks;
import care.concord.server.uma.PractitionerIdTokens;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.endpoint.NimbusJwtClientAuthenticationParametersConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.userinfo.DefaultOAuth2UserService;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestTemplate;

/**
 * Wiring of sign-in through upstream OpenID Connect providers
 * ({@code concord.federation.*}, docs/federation.md). Every call to a provider
 * (discovery, token, keys, UserInfo) has Concord's connect and read time-outs.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FederationProperties.class)
public class FederationConfiguration {

	@Bean
	UpstreamProviders upstreamProviders(FederationProperties properties) {
		properties.providers().forEach((id, provider) -> provider.roleMappings().forEach((code, role) -> {
			if (PersonRole.fromCodeOrNull(role) == null || PersonRole.CITIZEN.code().equals(role)) {
				throw new IllegalArgumentException("concord.federation.providers." + id + ".role-mappings." + code
						+ ": '" + role + "' is not a staff role (ig-officer, admin)");
			}
		}));
		return new UpstreamProviders(properties, RestClient.builder().requestFactory(requests(properties)).build());
	}

	/** The ID token decoders, found by {@code oauth2Login} by their type. */
	@Bean
	JwtDecoderFactory<ClientRegistration> upstreamIdTokenDecoders(FederationProperties properties) {
		return new IdTokenDecoders(new RestTemplate(requests(properties)));
	}

	@Bean
	FederatedAccounts federatedAccounts(PersonRepository people, JdbcClient jdbc, PasswordEncoder passwords,
			Clock clock) {
		return new FederatedAccounts(people, jdbc, passwords, clock);
	}

	@Bean
	FederatedLogin federatedLogin(UpstreamProviders providers, FederationProperties properties,
			FederatedAccounts accounts, AuditLog auditLog) {
		RestClientAuthorizationCodeTokenResponseClient tokens = new RestClientAuthorizationCodeTokenResponseClient();
		tokens
			.setRestClient(RestClient.builder().requestFactory(requests(properties)).messageConverters((converters) -> {
				converters.clear();
				converters.add(new FormHttpMessageConverter());
				converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
			}).defaultStatusHandler(new OAuth2ErrorResponseErrorHandler()).build());
		tokens.addParametersConverter(new NimbusJwtClientAuthenticationParametersConverter<>(
				(registration) -> providers.signingKey(registration.getRegistrationId())));
		OidcUserService oidcUsers = new OidcUserService();
		DefaultOAuth2UserService userInfo = new DefaultOAuth2UserService();
		userInfo.setRestOperations(userInfoRest(properties));
		oidcUsers.setOauth2UserService(userInfo);
		return new FederatedLogin(providers, tokens, new FederatedUserService(oidcUsers, providers, accounts),
				new FederatedSignInHandlers(auditLog));
	}

	/** CIS2 ID tokens as UMA claim tokens, when trusted issuers are configured. */
	@Bean
	PractitionerIdTokens practitionerIdTokens(FederationProperties properties) {
		return new Cis2ClaimTokens(properties.claimTokenIssuers(), new RestTemplate(requests(properties)));
	}

	/** The login page's links to the upstream providers. */
	@Bean
	UpstreamSignInLinks upstreamSignInLinks(UpstreamProviders providers) {
		return FederationPageController.links(providers);
	}

	private static RestTemplate userInfoRest(FederationProperties properties) {
		RestTemplate rest = new RestTemplate(requests(properties));
		rest.setErrorHandler(new OAuth2ErrorResponseErrorHandler());
		return rest;
	}

	private static SimpleClientHttpRequestFactory requests(FederationProperties properties) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(properties.connectTimeout());
		requests.setReadTimeout(properties.readTimeout());
		return requests;
	}

}
