package care.concord.identity.demographics;

/**
 * A demographic value that cannot be standardised, naming the field and why, so that
 * callers (the CLI, the server's problem-details handler) can report it at the edge
 * without parsing the message.
 */
public final class InvalidFieldException extends IllegalArgumentException {

	private final String field;

	/**
	 * @param field the logical field name, e.g. {@code date_of_birth}
	 * @param message what is wrong, written for a person fixing the input
	 */
	public InvalidFieldException(String field, String message) {
		super(field + ": " + message);
		this.field = field;
	}

	/** The logical field that was rejected. */
	public String field() {
		return this.field;
	}

	/** The explanation without the field prefix. */
	public String reason() {
		return getMessage().substring(this.field.length() + 2);
	}

}
