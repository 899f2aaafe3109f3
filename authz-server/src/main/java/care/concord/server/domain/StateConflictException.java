package care.concord.server.domain;

/**
 * The request conflicts with the current state of what it acts on: a transition a state
 * machine does not allow (revoking a revoked directive, deciding a decided review), or a
 * concurrent change that won.
 */
public class StateConflictException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public StateConflictException(String message) {
		super(message);
	}

}
