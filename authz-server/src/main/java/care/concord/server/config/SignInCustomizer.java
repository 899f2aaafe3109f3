package care.concord.server.config;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Adds a way of signing in (or a step of it) to the default, browser-facing security
 * filter chain: upstream identity providers, a second factor. Declared as beans; applied
 * in order before the chain's own rules.
 */
@FunctionalInterface
public interface SignInCustomizer {

	void configure(HttpSecurity http) throws Exception;

}
