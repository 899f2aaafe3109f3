package care.concord.server.audit;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Derives the {@link AuditActor} of an authenticated API request from Concord's access
 * token: the agency from {@code org_code}, the client from {@code client_id} (or
 * {@code azp}), and the person from {@code sub} when the token is a person's (it carries
 * {@code roles}); a client-credentials token's {@code sub} is the client itself.
 */
public final class AuditActors {

	private AuditActors() {
	}

	/**
	 * The actor behind the given authentication; a non-JWT principal is taken as a
	 * username.
	 */
	public static AuditActor from(Authentication authentication) {
		if (authentication instanceof JwtAuthenticationToken token) {
			return from(token.getToken());
		}
		return AuditActor.user(authentication.getName());
	}

	/** The actor behind the given Concord access token. */
	public static AuditActor from(Jwt jwt) {
		String agency = jwt.getClaimAsString("org_code");
		String clientId = jwt.hasClaim("client_id") ? jwt.getClaimAsString("client_id") : jwt.getClaimAsString("azp");
		String username = jwt.hasClaim("roles") ? jwt.getSubject() : null;
		if (isBlank(agency) && isBlank(clientId) && isBlank(username)) {
			username = jwt.getSubject();
		}
		return new AuditActor(agency, clientId, username, null);
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

}
