package care.concord.server.domain;

/**
 * The request would create something that exists already (an agency code, a username, a
 * proxy already named).
 */
public class AlreadyExistsException extends StateConflictException {

	private static final long serialVersionUID = 1L;

	public AlreadyExistsException(String message) {
		super(message);
	}

}
