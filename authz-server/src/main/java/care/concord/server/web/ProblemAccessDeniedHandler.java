package care.concord.server.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers an API request whose token lacks the role or scope with 403, the RFC 6750
 * {@code insufficient_scope} challenge, and a problem details body.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3.1">RFC 6750 section
 * 3.1</a>
 */
public final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

	private final BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		this.challenge.handle(request, response, accessDeniedException);
		ProblemResponses.write(request, response, ErrorCatalogue.FORBIDDEN,
				"the token does not carry the role or scope this endpoint requires");
	}

}
