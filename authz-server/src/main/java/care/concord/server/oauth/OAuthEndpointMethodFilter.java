package care.concord.server.oauth;

import java.io.IOException;
import java.util.Set;

import care.concord.server.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The token, introspection and revocation endpoints accept {@code POST} only (RFC 6749
 * section 3.2, RFC 7662 section 2.1, RFC 7009 section 2.1). Spring Authorization Server
 * ignores other methods there, so a {@code GET} fell through to the login page; this
 * filter answers 405 with {@code Allow: POST, OPTIONS} and OAuth error JSON instead.
 * {@code OPTIONS} (CORS preflight) passes.
 */
public final class OAuthEndpointMethodFilter extends OncePerRequestFilter {

	private final Set<String> paths;

	/**
	 * @param paths the POST-only endpoint paths, e.g. {@code /oauth2/token}
	 */
	public OAuthEndpointMethodFilter(Set<String> paths) {
		this.paths = Set.copyOf(paths);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		if ("POST".equals(method) || "OPTIONS".equals(method)) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return !this.paths.contains(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader(HttpHeaders.ALLOW, "POST, OPTIONS");
		ProblemResponses.writeOAuthError(response, HttpServletResponse.SC_METHOD_NOT_ALLOWED, "invalid_request",
				"this endpoint accepts POST only");
	}

}
