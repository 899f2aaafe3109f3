package care.concord.server.domain;

/**
 * A change was made conditional on the version the caller last saw (an HTTP
 * {@code If-Match}), and what it acts on is now at another version: someone else changed
 * it in between. Nothing was written; the caller should read the current version and
 * decide again.
 */
public class VersionMismatchException extends StateConflictException {

	private static final long serialVersionUID = 1L;

	public VersionMismatchException(String message) {
		super(message);
	}

}
