package care.concord.server.uma;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.util.Assert;

/**
 * One requested or granted permission: a registered resource and scopes on it. The
 * element of a permission request (UMA FedAuthz section 4.1: {@code resource_id},
 * {@code resource_scopes}) and of an RPT's {@code permissions} claim (UMA FedAuthz
 * section 5.1.1).
 *
 * @param resourceId the resource's {@code _id}
 * @param scopes the scopes, non-empty, in the order given (unmodifiable)
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#rfc.section.4.1">UMA
 * 2.0 Federated Authorization section 4.1</a>
 */
public record UmaPermission(String resourceId, Set<String> scopes) {

	public UmaPermission {
		Assert.hasText(resourceId, "resourceId cannot be empty");
		Assert.notEmpty(scopes, "scopes cannot be empty");
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(scopes));
	}

}
