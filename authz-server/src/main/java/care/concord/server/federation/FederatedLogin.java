package care.concord.server.federation;

import care.concord.server.config.SignInCustomizer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2AuthorizationCodeGrantRequest;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * Adds sign-in through the upstream providers to the default (browser) security filter
 * chain: Spring Security's {@code oauth2Login} with the authorization code flow, PKCE
 * ({@code S256}) and {@code nonce} on every request, {@code private_key_jwt} at the token
 * endpoint, the ID token checked by {@link IdTokenDecoders}, and the person mapped by
 * {@link FederatedUserService}. Sign-in links are {@value #AUTHORIZATION_BASE}/{id}; the
 * providers answer at {@code /login/oauth2/code/{id}}. Upstream access tokens are not
 * kept.
 */
public class FederatedLogin implements SignInCustomizer {

	/** Where the login page's links start a sign-in. */
	public static final String AUTHORIZATION_BASE = "/login/federated";

	private final UpstreamProviders providers;

	private final OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens;

	private final FederatedUserService users;

	private final FederatedSignInHandlers handlers;

	public FederatedLogin(UpstreamProviders providers,
			OAuth2AccessTokenResponseClient<OAuth2AuthorizationCodeGrantRequest> tokens, FederatedUserService users,
			FederatedSignInHandlers handlers) {
		this.providers = providers;
		this.tokens = tokens;
		this.users = users;
		this.handlers = handlers;
	}

	/**
	 * Configures the chain: the pages are public; {@code oauth2Login} only when a
	 * provider is configured.
	 */
	@Override
	public void configure(HttpSecurity http) throws Exception {
		http.authorizeHttpRequests((authorize) -> authorize
			.requestMatchers(AUTHORIZATION_BASE + "/**", "/login/oauth2/code/*", "/federation/jwks")
			.permitAll());
		if (this.providers.providers().isEmpty()) {
			return;
		}
		http.oauth2Login((login) -> login.loginPage("/login")
			.clientRegistrationRepository(this.providers)
			.authorizedClientRepository(new NotKept())
			.authorizationEndpoint((authorization) -> authorization.baseUri(AUTHORIZATION_BASE)
				.authorizationRequestResolver(resolver()))
			.tokenEndpoint((token) -> token.accessTokenResponseClient(this.tokens))
			.userInfoEndpoint((userInfo) -> userInfo.oidcUserService(this.users))
			.successHandler(this.handlers)
			.failureHandler(this.handlers));
	}

	private OAuth2AuthorizationRequestResolver resolver() {
		DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(
				this.providers, AUTHORIZATION_BASE);
		resolver.setAuthorizationRequestCustomizer(
				OAuth2AuthorizationRequestCustomizers.withPkce().andThen(this::providerParameters));
		return new OAuth2AuthorizationRequestResolver() {

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
				String path = request.getRequestURI().substring(request.getContextPath().length());
				if (!path.startsWith(AUTHORIZATION_BASE + "/")) {
					return null;
				}
				return resolve(request, path.substring(AUTHORIZATION_BASE.length() + 1));
			}

			@Override
			public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
				// an unknown or unreachable provider falls through to
				// FederationPageController's page
				if (registrationId == null || registrationId.contains("/")
						|| FederatedLogin.this.providers.findByRegistrationId(registrationId) == null) {
					return null;
				}
				return resolver.resolve(request, registrationId);
			}

		};
	}

	private void providerParameters(OAuth2AuthorizationRequest.Builder builder) {
		String[] id = new String[1];
		builder.attributes((attributes) -> id[0] = (String) attributes.get(OAuth2ParameterNames.REGISTRATION_ID));
		FederationProperties.Provider provider = (id[0] != null) ? this.providers.provider(id[0]) : null;
		if (provider != null && !provider.authorizationParameters().isEmpty()) {
			builder.additionalParameters((parameters) -> parameters.putAll(provider.authorizationParameters()));
		}
	}

	/**
	 * Upstream access tokens are not needed after sign-in, so none is kept (no per-person
	 * memory).
	 */
	private static final class NotKept implements OAuth2AuthorizedClientRepository {

		@Override
		public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String clientRegistrationId,
				Authentication principal, HttpServletRequest request) {
			return null;
		}

		@Override
		public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

		@Override
		public void removeAuthorizedClient(String clientRegistrationId, Authentication principal,
				HttpServletRequest request, HttpServletResponse response) {
		}

	}

}
