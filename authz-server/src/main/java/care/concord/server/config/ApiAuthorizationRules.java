package care.concord.server.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Extension point of the API chain ({@code /api/**}, {@code /access/**}, {@code /uma/**},
 * {@code /fhir/**}): a feature declares a bean of this type with the authorization rules
 * of its endpoints. Rules are applied in bean order, after the admin rule
 * ({@code /api/admin/**} needs role {@code admin}) and before the catch-all
 * ({@code anyRequest().authenticated()}).
 *
 * <pre>
 * &#64;Bean
 * ApiAuthorizationRules umaRules() {
 *     return (rules) -&gt; rules.requestMatchers("/uma/resource_set/**").hasAuthority("SCOPE_uma_protection");
 * }
 * </pre> Authorities available: {@code SCOPE_<scope>} from the token's {@code scope},
 * {@code ROLE_<role>} from its {@code roles}.
 */
@FunctionalInterface
public interface ApiAuthorizationRules {

	void configure(AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules);

}
