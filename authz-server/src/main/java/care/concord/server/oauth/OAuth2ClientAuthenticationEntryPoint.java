package care.concord.server.oauth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request to a client-authenticated OAuth endpoint (token, introspection,
 * revocation) that carries no client credentials at all: 401 {@code invalid_client} in
 * OAuth error JSON with a {@code Basic} challenge, instead of a redirect to the login
 * page.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section
 * 5.2</a>
 */
public final class OAuth2ClientAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private static final byte[] BODY = ("{\"error\":\"invalid_client\",\"error_description\":"
			+ "\"client authentication is required\"}")
		.getBytes(StandardCharsets.UTF_8);

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		response.setStatus(HttpStatus.UNAUTHORIZED.value());
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"concord\"");
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setContentLength(BODY.length);
		response.getOutputStream().write(BODY);
	}

}
