package care.concord.server.relationship;

import care.concord.server.audit.AuditActor;
import care.concord.server.domain.NotPermittedException;
import care.concord.server.web.RequestIdFilter;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.util.Assert;

/**
 * The agency calling one of Concord's agency APIs, as its access token states it: the
 * organisation code and type the token endpoint put in {@code org_code} /
 * {@code org_type}, and the OAuth client. The requester of every decision is taken from
 * here, never from the request body.
 *
 * @param orgCode the agency's organisation code
 * @param orgType the agency's organisation type code
 * @param clientId the OAuth client the token was issued to
 */
public record CallingAgency(String orgCode, String orgType, String clientId) {

	public CallingAgency {
		Assert.hasText(orgCode, "orgCode cannot be empty");
		Assert.hasText(orgType, "orgType cannot be empty");
		Assert.hasText(clientId, "clientId cannot be empty");
	}

	/**
	 * The calling agency of an API request authenticated with a Concord access token.
	 * @throws NotPermittedException (403) when the token was not issued to an agency's
	 * client
	 */
	public static CallingAgency from(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			Jwt jwt = token.getToken();
			String orgCode = jwt.getClaimAsString("org_code");
			String orgType = jwt.getClaimAsString("org_type");
			String clientId = jwt.getClaimAsString("client_id");
			if (orgCode != null && orgType != null && clientId != null) {
				return new CallingAgency(orgCode, orgType, clientId);
			}
		}
		throw new NotPermittedException("the access token was not issued to an agency's client");
	}

	/**
	 * The audit actor for this agency's client, optionally on behalf of a practitioner.
	 */
	public AuditActor actor(String practitionerId) {
		AuditActor actor = AuditActor.client(this.orgCode, this.clientId);
		return (practitionerId != null && !practitionerId.isBlank() && practitionerId.length() <= 255)
				? actor.withOnBehalfOf(practitionerId) : actor;
	}

	/**
	 * The request's id ({@link RequestIdFilter}): the caller's {@code X-Request-ID} when
	 * acceptable, else a new one.
	 */
	public static String requestId(HttpServletRequest request) {
		return RequestIdFilter.of(request);
	}

}
