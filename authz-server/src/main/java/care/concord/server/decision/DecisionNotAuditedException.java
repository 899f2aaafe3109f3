package care.concord.server.decision;

import care.concord.server.domain.DependencyUnavailableException;

/**
 * Thrown by the {@link ConsentDecisionService} when a decision could not be written to
 * the audit log. An access that could not be audited must not happen: the caller refuses
 * the request (an error answer, never a permit), whatever the engine decided.
 */
public class DecisionNotAuditedException extends DependencyUnavailableException {

	private static final long serialVersionUID = 1L;

	public DecisionNotAuditedException(String message, Throwable cause) {
		super(message, cause);
	}

}
