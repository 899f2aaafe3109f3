package care.concord.server.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers an unauthenticated API request with 401, the RFC 6750
 * {@code WWW-Authenticate: Bearer} challenge, and a problem details body.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6750#section-3">RFC 6750 section 3</a>
 */
public final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		this.challenge.commence(request, response, authException);
		String detail = (authException != null && authException.getMessage() != null
				&& request.getHeader("Authorization") != null) ? "the bearer token is not valid"
						: "a bearer token is required";
		ProblemResponses.write(request, response, ErrorCatalogue.UNAUTHENTICATED, detail);
	}

}
