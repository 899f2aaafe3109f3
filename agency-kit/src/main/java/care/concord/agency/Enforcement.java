package care.concord.agency;

import java.util.Set;

/**
 * The protected server's answer to one request, as {@link ResourceProtection#enforce}
 * works it out.
 */
public sealed interface Enforcement {

	/**
	 * The HTTP status the server answers with ({@code 200} when permitted: the server
	 * goes on).
	 */
	int status();

	/**
	 * The request may go on, disclosing only {@code permitted} (a subset of what was
	 * asked, never empty when the request needed something).
	 *
	 * @param permitted the resources the RPT covers
	 * @param rpt the RPT (null when the request needed nothing)
	 */
	record Permit(Set<ProtectedResource> permitted, Rpt rpt) implements Enforcement {

		@Override
		public int status() {
			return 200;
		}

		/** Whether the request may disclose the resource. */
		public boolean allows(ProtectedResource resource) {
			return this.permitted.contains(resource);
		}

	}

	/**
	 * The request must be refused: {@code 401} without a valid RPT, {@code 403} when the
	 * RPT does not cover what was asked. The client redeems the ticket in
	 * {@code wwwAuthenticate} at Concord (UMA Grant 3.2).
	 *
	 * @param status 401 or 403
	 * @param wwwAuthenticate {@code UMA realm="...", as_uri="...", ticket="..."}
	 * @param error {@code invalid_token} / {@code insufficient_scope} or null (no token
	 * presented)
	 */
	record Challenge(int status, String wwwAuthenticate, String error) implements Enforcement {
	}

	/**
	 * Concord could not be asked (or answered with an error): refuse with 503, never
	 * disclose.
	 *
	 * @param message why, for the server's log (not for the client)
	 */
	record Unavailable(String message) implements Enforcement {

		@Override
		public int status() {
			return 503;
		}

	}

}
