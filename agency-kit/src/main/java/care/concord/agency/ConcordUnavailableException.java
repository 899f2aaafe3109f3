package care.concord.agency;

/**
 * Concord could not be reached, timed out or answered with an error of its own (5xx or an
 * answer the kit cannot read). The kit fails closed on it: a protected server answers
 * 503, a client gets no data.
 */
public class ConcordUnavailableException extends RuntimeException {

	public ConcordUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

	public ConcordUnavailableException(String message) {
		super(message);
	}

}
