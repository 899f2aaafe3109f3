package care.concord.server.domain;

/**
 * Thrown when shared state (Redis) cannot be read or written. Callers fail closed: no
 * ticket is issued or redeemed, no consent change is acknowledged, and the client is told
 * to retry later (HTTP 503).
 */
public class SharedStateUnavailableException extends DependencyUnavailableException {

	public SharedStateUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
