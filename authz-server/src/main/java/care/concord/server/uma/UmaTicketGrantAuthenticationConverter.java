package care.concord.server.uma;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Converts a token request of the UMA grant
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:uma-ticket}) into a
 * {@link UmaTicketGrantAuthenticationToken}: {@code ticket} is required;
 * {@code claim_token} and {@code claim_token_format} go together. {@code rpt} (upgrade)
 * and {@code pct} are not supported and are ignored, as UMA Grant section 3.3.1 allows;
 * {@code scope} may only ask for {@code read}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.1">UMA
 * Grant section 3.3.1</a>
 */
public final class UmaTicketGrantAuthenticationConverter implements AuthenticationConverter {

	static final String TICKET = "ticket";

	static final String CLAIM_TOKEN = "claim_token";

	static final String CLAIM_TOKEN_FORMAT = "claim_token_format";

	private static final String ERROR_URI = "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.1";

	private static final Set<String> CONSUMED = Set.of(OAuth2ParameterNames.GRANT_TYPE, TICKET, CLAIM_TOKEN,
			CLAIM_TOKEN_FORMAT, OAuth2ParameterNames.CLIENT_ID, OAuth2ParameterNames.CLIENT_SECRET,
			OAuth2ParameterNames.CLIENT_ASSERTION, OAuth2ParameterNames.CLIENT_ASSERTION_TYPE);

	@Override
	public Authentication convert(HttpServletRequest request) {
		if (!UmaTicketGrantAuthenticationToken.UMA_TICKET.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return null;
		}
		String ticket = single(request, TICKET, true);
		String claimToken = single(request, CLAIM_TOKEN, false);
		String claimTokenFormat = single(request, CLAIM_TOKEN_FORMAT, false);
		single(request, UmaRptUpgrade.RPT_PARAMETER, false); // an RPT upgrade: at most
																// one
		if (claimToken != null && claimTokenFormat == null) {
			throw invalid(CLAIM_TOKEN_FORMAT + " is required with " + CLAIM_TOKEN);
		}
		String scope = single(request, OAuth2ParameterNames.SCOPE, false);
		if (scope != null) {
			for (String requested : StringUtils.delimitedListToStringArray(scope, " ")) {
				if (!requested.isEmpty() && !ResourceDescription.READ.equals(requested)) {
					throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_SCOPE,
							"only the 'read' scope can be requested", ERROR_URI));
				}
			}
		}
		Map<String, Object> additional = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!CONSUMED.contains(name)) {
				additional.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		Authentication clientPrincipal = SecurityContextHolder.getContext().getAuthentication();
		return new UmaTicketGrantAuthenticationToken(ticket, claimToken, claimTokenFormat, clientPrincipal, additional);
	}

	private static String single(HttpServletRequest request, String name, boolean required) {
		String[] values = request.getParameterValues(name);
		if (values == null || values.length == 0 || !StringUtils.hasText(values[0])) {
			if (required) {
				throw invalid(name + " is required");
			}
			return null;
		}
		if (values.length > 1) {
			throw invalid(name + " must be given once");
		}
		return values[0];
	}

	private static OAuth2AuthenticationException invalid(String description) {
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, ERROR_URI));
	}

}
