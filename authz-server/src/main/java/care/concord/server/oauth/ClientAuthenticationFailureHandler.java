package care.concord.server.oauth;

import java.io.IOException;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Client authentication failures at the token, introspection and revocation endpoints:
 * {@code 401 invalid_client} with a {@code WWW-Authenticate: Basic} challenge (RFC 6749
 * section 5.2: the authorization server MUST include it when the client tried HTTP
 * authentication; it is sent for every method so that generic clients see a challenge),
 * other client authentication errors 400. Only the error code is written, as Spring
 * Authorization Server does: the reason a credential failed is not disclosed. Each
 * failure is counted ({@value #FAILURES} by endpoint and error).
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc6749#section-5.2">RFC 6749 section
 * 5.2</a>
 */
public final class ClientAuthenticationFailureHandler implements AuthenticationFailureHandler {

	/** The challenge of a client authentication failure. */
	public static final String CHALLENGE = "Basic realm=\"concord\"";

	/** The counter of failures. */
	public static final String FAILURES = "concord.oauth.client.authentication.failures";

	private final OAuth2ErrorHttpMessageConverter errors = new OAuth2ErrorHttpMessageConverter();

	private final MeterRegistry meters;

	public ClientAuthenticationFailureHandler(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		SecurityContextHolder.clearContext();
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: OAuth2ErrorCodes.INVALID_CLIENT;
		this.meters.counter(FAILURES, "endpoint", endpoint(request), "error", code).increment();
		ServletServerHttpResponse http = new ServletServerHttpResponse(response);
		if (OAuth2ErrorCodes.INVALID_CLIENT.equals(code)) {
			http.setStatusCode(HttpStatus.UNAUTHORIZED);
			http.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
		}
		else {
			http.setStatusCode(HttpStatus.BAD_REQUEST);
		}
		http.getHeaders().setCacheControl("no-store");
		this.errors.write(new OAuth2Error(code), null, http);
	}

	private static String endpoint(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return switch (path) {
			case "/oauth2/token", "/oauth2/introspect", "/oauth2/revoke", "/oauth2/par",
					"/oauth2/device_authorization" ->
				path;
			default -> "other";
		};
	}

}
