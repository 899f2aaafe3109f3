package care.concord.server.oauth;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;

/**
 * Extension point of the authorization server chain: a feature that adds protocol
 * machinery to the OAuth endpoints (an extension grant such as UMA's
 * {@code urn:ietf:params:oauth:grant-type:uma-ticket} on the token endpoint, a converter,
 * a provider) declares a bean of this type instead of editing the chain.
 *
 * <pre>
 * &#64;Bean
 * AuthorizationServerCustomizer umaGrant(...) {
 *     return (server) -&gt; server.tokenEndpoint((token) -&gt; token
 *         .accessTokenRequestConverter(new UmaTicketGrantAuthenticationConverter())
 *         .authenticationProvider(new UmaTicketGrantAuthenticationProvider(...)));
 * }
 * </pre>
 */
@FunctionalInterface
public interface AuthorizationServerCustomizer {

	void customize(OAuth2AuthorizationServerConfigurer server);

}
