package care.concord.server.security;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a sign-in ({@code POST /login}) while its account or source address must wait
 * ({@link LoginThrottle}): back to the sign-in page with {@code ?error} and a
 * {@code Retry-After} header, without checking the password.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	private static final Logger logger = LoggerFactory.getLogger("care.concord.security.authentication");

	private final LoginThrottle throttle;

	LoginThrottleFilter(LoginThrottle throttle) {
		this.throttle = throttle;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !"POST".equals(request.getMethod())
				|| !"/login".equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String username = request.getParameter("username");
		Duration wait = this.throttle.waitFor(username, request.getRemoteAddr());
		if (wait.isZero()) {
			chain.doFilter(request, response);
			return;
		}
		logger.atWarn()
			.addKeyValue("event", "login-refused")
			.addKeyValue("username", AuthenticationEvents.printable(username))
			.addKeyValue("source", request.getRemoteAddr())
			.addKeyValue("retry_after_s", seconds(wait))
			.log("sign-in refused while the account or source must wait");
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds(wait)));
		response.sendRedirect(request.getContextPath() + "/login?error");
	}

	static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

}
