package care.concord.server.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Extension point of the default (browser sign-in) security filter chain: a feature that adds to how people sign
 * in (the sign-in page's failure handling, upstream OpenID Connect providers) declares a bean of this type instead
 * of editing {@link SecurityConfiguration}, so that {@code config} depends on no feature.
 *
 * <pre>
 * &#64;Bean
 * SignInChainCustomizer federatedSignIn(FederatedLogin login) {
 *     return login::configure;
 * }
 * </pre>
 */
@FunctionalInterface
public interface SignInChainCustomizer {

	void customize(HttpSecurity http) throws Exception;

}
