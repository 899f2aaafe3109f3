package care.concord.examples.fhir;

import care.concord.agency.Enforcement;
import care.concord.agency.ProtectedResource;
import care.concord.agency.spring.UmaProtectionFilter;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last check before a record leaves the server: only what the RPT permits (the kit's
 * filter put its {@link Enforcement.Permit} on the request). Without a permit nothing is
 * disclosed, unless the server runs unprotected for the benchmark. A break-glass RPT's
 * obligations are logged for the hospital's own review (Concord queues the access for its
 * IG officers).
 */
public final class DisclosureGuard {

	private static final Log logger = LogFactory.getLog(DisclosureGuard.class);

	private final boolean unprotected;

	public DisclosureGuard(boolean unprotected) {
		this.unprotected = unprotected;
	}

	/** Whether the request may disclose the resource. */
	public boolean allows(HttpServletRequest request, ProtectedResource resource) {
		if (this.unprotected) {
			return true;
		}
		Object permit = request.getAttribute(UmaProtectionFilter.PERMIT_ATTRIBUTE);
		if (!(permit instanceof Enforcement.Permit granted)) {
			throw new ForbiddenOperationException("the request was not authorised by Concord");
		}
		boolean allowed = granted.allows(resource);
		if (allowed && granted.rpt() != null && granted.rpt().breakGlass()) {
			logger.info("break-glass disclosure of " + resource.category() + " to " + granted.rpt().organisation()
					+ " (practitioner " + granted.rpt().practitionerId() + "), obligations "
					+ granted.rpt().obligations());
		}
		return allowed;
	}

}
