package care.concord.server.oauth;

import java.io.IOException;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AccessTokenResponseAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The token endpoint's success handler: Spring Authorization Server's token response,
 * counted as {@value #TOKENS_ISSUED} by {@code grant_type}.
 */
public final class TokenResponseCounter implements AuthenticationSuccessHandler {

	/** The counter's name. */
	public static final String TOKENS_ISSUED = "concord.oauth.tokens.issued";

	private static final Set<String> GRANT_TYPES = Set.of("client_credentials", "authorization_code", "refresh_token",
			"urn:ietf:params:oauth:grant-type:uma-ticket");

	private final AuthenticationSuccessHandler response = new OAuth2AccessTokenResponseAuthenticationSuccessHandler();

	private final MeterRegistry meters;

	public TokenResponseCounter(MeterRegistry meters) {
		this.meters = meters;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.response.onAuthenticationSuccess(request, response, authentication);
		String grantType = request.getParameter(OAuth2ParameterNames.GRANT_TYPE);
		this.meters.counter(TOKENS_ISSUED, "grant_type", GRANT_TYPES.contains(grantType) ? grantType : "other")
			.increment();
	}

}
