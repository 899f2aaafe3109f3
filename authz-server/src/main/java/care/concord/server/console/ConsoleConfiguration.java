package care.concord.server.console;

import java.time.Clock;

import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.web.SecurityHeadersFilter;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Wiring of the admin console: its OAuth client and the security headers of its pages.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
public class ConsoleConfiguration {

	/**
	 * The console's pages may load scripts, styles and data only from Concord itself and
	 * may not be framed; the access token lives in the page, so no third-party script may
	 * ever run there.
	 */
	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
			+ "frame-ancestors 'none'";

	@Bean
	ConsoleClientRegistrar consoleClientRegistrar(RegisteredClientRepository clients, TokenLifetimes lifetimes,
			ConcordProperties concord, ConsoleProperties console, Environment environment, Clock clock) {
		return new ConsoleClientRegistrar(clients, lifetimes, concord, console, environment, clock);
	}

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> consoleSecurityHeaders() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(CONTENT_SECURITY_POLICY));
		registration.addUrlPatterns("/console", "/console/*");
		registration.setName("consoleSecurityHeaders");
		return registration;
	}

}
