package care.concord.server.uma;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2ErrorAuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The token endpoint's error response handler: a {@link UmaGrantException} is written
 * with its own status and extension members (UMA Grant section 3.3.6: {@code need_info}
 * and {@code request_denied} are 403, and {@code need_info} carries a new {@code ticket}
 * and {@code required_claims}); every other error goes to Spring Authorization Server's
 * standard handler (400/401 with {@code error}, {@code error_description},
 * {@code error_uri}).
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6">UMA
 * Grant section 3.3.6</a>
 */
public final class UmaTokenErrorResponseHandler implements AuthenticationFailureHandler {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final AuthenticationFailureHandler standard = new OAuth2ErrorAuthenticationFailureHandler();

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (!(exception instanceof UmaGrantException uma)) {
			this.standard.onAuthenticationFailure(request, response, exception);
			return;
		}
		OAuth2Error error = uma.getError();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error.getErrorCode());
		if (error.getDescription() != null) {
			body.put("error_description", error.getDescription());
		}
		if (error.getUri() != null) {
			body.put("error_uri", error.getUri());
		}
		body.putAll(uma.getMembers());
		response.setStatus(uma.getStatus().value());
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		response.setHeader("Cache-Control", "no-store");
		response.setHeader("Pragma", "no-cache");
		response.getWriter().write(JSON.writeValueAsString(body));
		response.getWriter().flush();
	}

}
