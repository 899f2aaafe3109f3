package care.concord.server.web;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Public discovery documents ({@code /.well-known/uma2-configuration},
 * {@code oauth-protected-resource}, {@code authzen-configuration}): the security chain
 * that serves them to anyone, and the base URL their endpoint URLs are built on.
 */
public final class PublicDocuments {

	private PublicDocuments() {
	}

	/**
	 * A chain for these paths only, permitting every request: no session, no CSRF token,
	 * no saved request.
	 */
	public static SecurityFilterChain chain(HttpSecurity http, String... paths) throws Exception {
		http.securityMatcher(paths)
			.authorizeHttpRequests((authorize) -> authorize.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.requestCache((cache) -> cache.disable());
		return http.build();
	}

	/** The configured issuer, or else the base URL of the current request. */
	public static String baseUrl(AuthorizationServerSettings settings) {
		return StringUtils.hasText(settings.getIssuer()) ? settings.getIssuer()
				: ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
	}

}
