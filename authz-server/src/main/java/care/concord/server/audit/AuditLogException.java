package care.concord.server.audit;

import care.concord.server.domain.DependencyUnavailableException;

/**
 * Thrown when an audit record could not be written or the log could not be read; the
 * operation that needed it must not go ahead (see {@link AuditLog}).
 */
public class AuditLogException extends DependencyUnavailableException {

	public AuditLogException(String message, Throwable cause) {
		super(message, cause);
	}

	public AuditLogException(String message) {
		super(message);
	}

}
