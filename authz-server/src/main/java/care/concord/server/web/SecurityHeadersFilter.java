package care.concord.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Sets a page's {@code Content-Security-Policy} and {@code Referrer-Policy: no-referrer}
 * (register it with the page's URL patterns): the console's pages and the sign-in page.
 */
public final class SecurityHeadersFilter extends OncePerRequestFilter {

	private final String contentSecurityPolicy;

	public SecurityHeadersFilter(String contentSecurityPolicy) {
		this.contentSecurityPolicy = contentSecurityPolicy;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("Content-Security-Policy", this.contentSecurityPolicy);
		response.setHeader("Referrer-Policy", "no-referrer");
		chain.doFilter(request, response);
	}

}
