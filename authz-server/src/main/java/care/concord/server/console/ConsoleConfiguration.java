package care.concord.server.console;

import java.io.IOException;
import java.time.Clock;

import care.concord.server.config.ConcordProperties;
import care.concord.server.oauth.TokenLifetimes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
	 * The console's pages may load scripts, styles and data only from Concord itself and may not be framed; the
	 * access token lives in the page, so no third-party script may ever run there.
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
		OncePerRequestFilter filter = new OncePerRequestFilter() {
			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
				response.setHeader("Referrer-Policy", "no-referrer");
				chain.doFilter(request, response);
			}
		};
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
		registration.addUrlPatterns("/console", "/console/*");
		registration.setName("consoleSecurityHeaders");
		return registration;
	}

}
