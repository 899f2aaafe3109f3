package care.concord.server.cluster;

import java.time.Duration;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces the per-client budget of the decision API (AuthZEN), after authentication: the
 * budget is counted for the authenticated client ({@code azp}, else {@code client_id},
 * else {@code sub} of its token). Over budget: HTTP 429 with {@code Retry-After} and an
 * RFC 9457 problem.
 */
public final class DecisionRateLimitInterceptor implements HandlerInterceptor {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RateLimiter limiter;

	private final RateLimitProperties properties;

	public DecisionRateLimitInterceptor(RateLimiter limiter, RateLimitProperties properties) {
		this.limiter = limiter;
		this.properties = properties;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws Exception {
		if (!this.properties.enabled()) {
			return true;
		}
		String clientId = clientId(SecurityContextHolder.getContext().getAuthentication());
		if (clientId == null) {
			return true;
		}
		Duration retry = this.limiter.acquire("decision", clientId, this.properties.decisionRequests(),
				this.properties.window());
		if (retry.isZero()) {
			return true;
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
				"Rate limit of " + this.properties.decisionRequests() + " decision requests per "
						+ this.properties.window().toSeconds() + " s exceeded for this client; retry later");
		problem.setTitle("Too many requests");
		response.setStatus(429);
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retry.toMillis() + 999) / 1000)));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
		body.put("type", "about:blank");
		body.put("title", problem.getTitle());
		body.put("status", 429);
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		response.getWriter().write(JSON.writeValueAsString(body));
		return false;
	}

	private static String clientId(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken jwt) {
			for (String claim : new String[] { "azp", "client_id", "sub" }) {
				String value = jwt.getToken().getClaimAsString(claim);
				if (value != null) {
					return value;
				}
			}
		}
		return null;
	}

}
