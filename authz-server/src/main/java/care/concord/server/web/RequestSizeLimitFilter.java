package care.concord.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies larger than the configured limit
 * ({@code concord.http.max-request-size}, default 64KB) before anything reads them: 413
 * with OAuth error JSON ({@code invalid_request}) on the OAuth endpoints, with problem
 * details elsewhere. Bodies without a declared length are capped by the servlet container
 * ({@code server.tomcat.max-http-form-post-size}, {@code max-swallow-size}).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9110#section-15.5.14">RFC 9110 section
 * 15.5.14</a>
 */
public final class RequestSizeLimitFilter extends OncePerRequestFilter {

	/** The default of {@code concord.http.max-request-size}. */
	public static final String DEFAULT_MAX_REQUEST_SIZE = "64KB";

	private final long maxBytes;

	public RequestSizeLimitFilter(DataSize maxRequestSize) {
		this.maxBytes = maxRequestSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > this.maxBytes) {
			String detail = "the request body exceeds " + this.maxBytes + " bytes";
			if (ProblemResponses.isOAuthEndpoint(request)) {
				ProblemResponses.writeOAuthError(response, HttpStatus.CONTENT_TOO_LARGE.value(), "invalid_request",
						detail);
			}
			else {
				ProblemResponses.write(request, response, ErrorCatalogue.PAYLOAD_TOO_LARGE, detail);
			}
			return;
		}
		chain.doFilter(request, response);
	}

}
