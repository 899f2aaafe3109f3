package care.concord.identity.cli;

/**
 * Bad input in a CSV file, naming the file, the row (1 = header) and, when known, the
 * field.
 */
public final class CsvInputException extends RuntimeException {

	private final String reason;

	/**
	 * @param file the file name
	 * @param row the 1-based line number (1 is the header)
	 * @param field the column, or {@code null} when the row as a whole is wrong
	 * @param message what is wrong
	 */
	public CsvInputException(String file, int row, String field, String message) {
		super(file + ": row " + row + ((field == null) ? "" : ", field " + field) + ": " + message);
		this.reason = message;
	}

	/** An error about the file as a whole. */
	public CsvInputException(String file, String message) {
		super(file + ": " + message);
		this.reason = message;
	}

	/** What is wrong, without file, row and field. */
	public String reason() {
		return this.reason;
	}

}
