package care.concord.server.domain;

/**
 * Something the request depends on could not be reached in time (the audit log, shared
 * state in Redis): the request is refused as a whole, fail closed, and may be retried.
 * The base type of every such failure, so that the edge answers them alike (HTTP 503 with
 * {@code Retry-After}) without knowing the features that raise them.
 */
public abstract class DependencyUnavailableException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	protected DependencyUnavailableException(String message) {
		super(message);
	}

	protected DependencyUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
