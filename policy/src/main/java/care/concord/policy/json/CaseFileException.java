package care.concord.policy.json;

/**
 * A case file (the form of consent-decisions.md "Case file form") that cannot be read or
 * does not have that form: unreadable file, malformed JSON, no {@code cases} array, a
 * case without {@code name} or with an unrecognised {@code expect}. Distinct from an
 * invalid request inside a case, which is an expected outcome, not a file error.
 */
public class CaseFileException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CaseFileException(String message) {
		super(message);
	}

	public CaseFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
