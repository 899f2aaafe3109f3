package care.concord.server.security;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import care.concord.server.cluster.RateLimiter;
import care.concord.server.cluster.TokenEndpointGuardFilter;
import care.concord.server.web.ProblemResponses;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * 429 with {@code Retry-After} at the token, introspection and revocation endpoints for a
 * {@code client_id} whose failed authentications in the current window reached
 * {@code concord.brute-force.client-failures} (counted by {@link AuthenticationEvents} in
 * the {@link RateLimiter}, shared by every node in the {@code cluster} profile). Refused
 * before any secret or signature is checked, so guessing stops for the rest of the
 * window. The budget is per claimed {@code client_id}: someone who knows a client's id
 * can delay it for one window, the price of not letting anyone guess its secret.
 */
final class ClientAuthenticationThrottleFilter extends OncePerRequestFilter {

	private final RateLimiter limiter;

	private final BruteForceProperties properties;

	private final Set<String> endpoints;

	ClientAuthenticationThrottleFilter(RateLimiter limiter, BruteForceProperties properties, Set<String> endpoints) {
		this.limiter = limiter;
		this.properties = properties;
		this.endpoints = endpoints;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String clientId = TokenEndpointGuardFilter.claimedClientId(request);
		if (clientId != null) {
			Duration wait = this.limiter.exhausted(AuthenticationEvents.CLIENT_FAILURE_BUCKET, clientId,
					this.properties.clientFailures(), this.properties.clientWindow());
			if (!wait.isZero()) {
				response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(LoginThrottleFilter.seconds(wait)));
				ProblemResponses.writeOAuthError(response, 429, "temporarily_unavailable",
						"too many failed authentications for this client_id; retry later");
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
