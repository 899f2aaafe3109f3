package care.concord.agency;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An active requesting party token as Concord's introspection describes it to the
 * protected server: which of the server's resources it covers (resource id to scopes) and
 * on whose behalf and why it was granted.
 *
 * @param permissions resource id to the scopes granted on it (only resources this server
 * holds)
 * @param clientId the requesting system
 * @param organisation the requesting agency's code
 * @param purposeOfUse the purpose the practitioner stated
 * @param practitionerRole the practitioner's role
 * @param practitionerId the practitioner's id at the requesting agency, or null
 * @param breakGlass whether a permission was granted by breaking glass
 * @param obligations what the server must do when it discloses (e.g.
 * {@code notify-subject}, {@code review})
 * @param expiresAt when the RPT expires
 */
public record Rpt(Map<String, Set<String>> permissions, String clientId, String organisation, String purposeOfUse,
		String practitionerRole, String practitionerId, boolean breakGlass, List<String> obligations,
		Instant expiresAt) {

	/** Whether the RPT grants the scope on the resource id. */
	public boolean covers(String resourceId, String scope) {
		Set<String> scopes = this.permissions.get(resourceId);
		return scopes != null && scopes.contains(scope);
	}

}
