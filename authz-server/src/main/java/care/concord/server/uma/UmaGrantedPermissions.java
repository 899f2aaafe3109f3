package care.concord.server.uma;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.util.Assert;

/**
 * What the UMA grant decided to put in an RPT: the granted permissions and what comes
 * with them. Carried on the {@link UmaTicketGrantAuthenticationToken} to the token
 * customizer that writes the RPT's claims.
 *
 * @param permissions the granted permissions, at least one (unmodifiable)
 * @param obligations the obligation codes of the permitting decisions (kept sorted,
 * unmodifiable)
 * @param breakGlass true when a permission was granted by break glass
 * @param purposeOfUse the purpose code the permissions were decided for
 * @param practitionerRole the practitioner's role
 * @param practitionerId the practitioner's identifier, or null
 */
public record UmaGrantedPermissions(List<UmaPermission> permissions, Set<String> obligations, boolean breakGlass,
		String purposeOfUse, String practitionerRole, String practitionerId) {

	public UmaGrantedPermissions {
		Assert.notEmpty(permissions, "permissions cannot be empty");
		Assert.notNull(obligations, "obligations cannot be null");
		Assert.hasText(purposeOfUse, "purposeOfUse cannot be empty");
		Assert.hasText(practitionerRole, "practitionerRole cannot be empty");
		permissions = List.copyOf(permissions);
		obligations = Collections.unmodifiableSet(new TreeSet<>(obligations));
	}

}
