package care.concord.server.cluster;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import care.concord.server.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards the token endpoint ahead of Spring Security: enforces the per-client token
 * budget (HTTP 429 with {@code Retry-After} and an OAuth error body). A failure of shared
 * state during a grant (Redis down while a permission ticket is redeemed) becomes HTTP
 * 503 {@code temporarily_unavailable} in
 * {@link care.concord.server.web.DependencyUnavailableFilter}, like every other
 * unavailable dependency.
 *
 * <p>
 * The budget is counted for the client the request <em>claims</em> to be (HTTP Basic
 * user, {@code client_id}, or the {@code sub} of a {@code client_assertion}), before
 * authentication, so that floods are shed before any signature or secret is checked.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section
 * 5.2</a>
 */
public final class TokenEndpointGuardFilter extends OncePerRequestFilter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	public TokenEndpointGuardFilter(RateLimiter limiter, RateLimitProperties properties) {
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.properties.enabled()) {
			String clientId = claimedClientId(request);
			if (clientId != null) {
				Duration retry = this.limiter.acquire("token", clientId, this.properties.tokenRequests(),
						this.properties.window());
				if (!retry.isZero()) {
					response.setHeader(HttpHeaders.RETRY_AFTER,
							Long.toString(Math.max(1, (retry.toMillis() + 999) / 1000)));
					ProblemResponses.writeOAuthError(response, 429, "temporarily_unavailable",
							"Rate limit of " + this.properties.tokenRequests() + " token requests per "
									+ this.properties.window().toSeconds()
									+ " s exceeded for this client; retry later");
					return;
				}
			}
		}
		chain.doFilter(request, response);
	}

	/**
	 * The client a request claims to be, before authentication (Basic user,
	 * {@code client_id}, assertion {@code sub}).
	 */
	public static String claimedClientId(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				if (colon > 0) {
					return URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8);
				}
			}
			catch (IllegalArgumentException ex) {
				return null; // malformed: Spring Security answers invalid_client
			}
			return null;
		}
		String clientId = request.getParameter("client_id");
		if (clientId != null && !clientId.isBlank()) {
			return clientId;
		}
		String assertion = request.getParameter("client_assertion");
		if (assertion != null) {
			String[] parts = assertion.split("\\.");
			if (parts.length == 3 && parts[1].length() < 8192) {
				try {
					JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
					JsonNode sub = claims.get("sub");
					return (sub != null && sub.isString()) ? sub.asString() : null;
				}
				catch (RuntimeException ex) {
					return null; // malformed: the client authentication answers
									// invalid_client
				}
			}
		}
		return null;
	}

}
