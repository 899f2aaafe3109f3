package care.concord.policy.request;

/**
 * An invalid consent request: unknown vocabulary, a missing field, an NHS number failing
 * Modulus 11, or a subject that is not the citizen. Per consent-decisions.md ("An invalid
 * request ... is an error, not a decision") this is thrown instead of returning a
 * decision; the server translates it at the edge.
 *
 * <p>
 * {@link #field()} names the offending input in the case-file form
 * ({@code request.category}, {@code citizen.directives[2].effect}), so that a caller can
 * point at it; the message is {@code "<field>: <what is wrong>"}.
 */
public class InvalidRequestException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String reason;

	public InvalidRequestException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
		this.reason = message;
	}

	public InvalidRequestException(String field, String message, Throwable cause) {
		super(field + ": " + message, cause);
		this.field = field;
		this.reason = message;
	}

	/**
	 * The offending field, in the spec's case-file naming
	 * ({@code request.requester.org_type}).
	 */
	public String field() {
		return this.field;
	}

	/** What is wrong with the field, without the field name. */
	public String problem() {
		return this.reason;
	}

	/**
	 * A copy of this exception with the field name prefixed, for nested inputs
	 * ({@code citizen.} + field).
	 */
	public InvalidRequestException prefixed(String prefix) {
		return new InvalidRequestException(prefix + this.field, this.reason, this);
	}

}
