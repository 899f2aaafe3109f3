package care.concord.server.uma;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The error responses of the UMA grant (UMA Grant section 3.3.6), built in one place:
 * {@code need_info} with a new ticket and {@code required_claims}, {@code request_denied}
 * with Concord's reasons, {@code temporarily_unavailable} (503) with a fresh ticket to
 * retry with, and the standard OAuth errors with the UMA {@code error_uri}.
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6">UMA
 * Grant section 3.3.6</a>
 */
final class UmaGrantErrors {

	static final String ERROR_URI = "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.6";

	/** The claim type URIs of {@code required_claims}. */
	static final String CLAIM_TYPE_BASE = "https://concord.care/claims/";

	private UmaGrantErrors() {
	}

	/**
	 * A standard OAuth error ({@code invalid_grant}, {@code invalid_request}, ...) at the
	 * token endpoint.
	 */
	static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, ERROR_URI));
	}

	/**
	 * 403 {@code need_info}: the claims still missing, and the ticket to present with
	 * them (Grant 3.3.6).
	 */
	static UmaGrantException needInfo(String nextTicket, List<String> missing) {
		List<Map<String, Object>> required = new ArrayList<>();
		for (String name : missing) {
			Map<String, Object> claim = new LinkedHashMap<>();
			claim.put("name", name);
			claim.put("friendly_name",
					ClaimTokenVerifier.PURPOSE_OF_USE.equals(name) ? "Purpose of use" : "Practitioner role");
			claim.put("claim_type", CLAIM_TYPE_BASE + name);
			claim.put("claim_token_format", new ArrayList<>(ClaimTokenVerifier.FORMATS));
			required.add(claim);
		}
		Map<String, Object> members = new LinkedHashMap<>();
		members.put("ticket", nextTicket);
		members.put("required_claims", required);
		return new UmaGrantException(
				new OAuth2Error("need_info", "the claim token must state " + String.join(" and ", missing), ERROR_URI),
				HttpStatus.FORBIDDEN, members);
	}

	/**
	 * 403 {@code request_denied}: no requested permission was permitted;
	 * {@code concord_reasons} says why for each resource.
	 * @param denied resource id to the reason code of its decision, in the order decided
	 */
	static UmaGrantException requestDenied(Map<String, String> denied) {
		List<Map<String, Object>> reasons = new ArrayList<>();
		denied.forEach((resourceId, reason) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("resource_id", resourceId);
			entry.put("reason", reason);
			reasons.add(entry);
		});
		return new UmaGrantException(
				new OAuth2Error("request_denied",
						"the citizen's consent does not permit any of the requested permissions", ERROR_URI),
				HttpStatus.FORBIDDEN, Map.of("concord_reasons", reasons));
	}

	/**
	 * 503 {@code temporarily_unavailable}: the request could not be audited, so it was
	 * refused (fail closed). The presented ticket is spent; when a fresh one for the same
	 * permissions could be issued it comes as {@code ticket}, so that the client can
	 * retry.
	 * @param retryTicket the ticket to retry with, or null
	 */
	static UmaGrantException temporarilyUnavailable(String retryTicket) {
		Map<String, Object> members = new LinkedHashMap<>();
		if (retryTicket != null) {
			members.put("ticket", retryTicket);
		}
		return new UmaGrantException(
				new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
						"the request could not be audited, so it was refused; retry later", ERROR_URI),
				HttpStatus.SERVICE_UNAVAILABLE, members);
	}

}
