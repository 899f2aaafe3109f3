package care.concord.identity.nhs;

/**
 * A valid NHS number: ten digits whose last digit is the Modulus 11 check digit of the
 * first nine.
 *
 * <p>
 * Input may be written in 3-3-4 form with spaces or dashes ({@code 943 476 5919},
 * {@code 943-476-5919}); it is normalised to ten bare digits. Placeholders that happen to
 * pass the check (all digits the same, {@code 0123456789}) are refused, since systems use
 * them for "unknown".
 *
 * @see <a href="https://www.datadictionary.nhs.uk/attributes/nhs_number.html">NHS Data
 * Dictionary: NHS number</a>
 */
public final class NhsNumber implements Comparable<NhsNumber> {

	private final String digits;

	private NhsNumber(String digits) {
		this.digits = digits;
	}

	/**
	 * Parses an NHS number written as ten digits, or in 3-3-4 form separated by single
	 * spaces or dashes.
	 * @throws InvalidNhsNumberException naming what is wrong with the input
	 */
	public static NhsNumber parse(String input) {
		String digits = normalise(input);
		Check result = check(digits);
		if (result != Check.VALID) {
			throw new InvalidNhsNumberException(result.message);
		}
		return new NhsNumber(digits);
	}

	/** True when {@link #parse(String)} would accept the input. */
	public static boolean isValid(String input) {
		if (input == null) {
			return false;
		}
		String digits;
		try {
			digits = normalise(input);
		}
		catch (InvalidNhsNumberException ex) {
			return false;
		}
		return check(digits) == Check.VALID;
	}

	/**
	 * The Modulus 11 check digit of nine digits (weights 10 down to 2), or -1 when the
	 * remainder makes 10, in which case no NHS number begins with those nine digits.
	 */
	public static int checkDigit(CharSequence nineDigits) {
		int sum = 0;
		for (int i = 0; i < 9; i++) {
			sum += (nineDigits.charAt(i) - '0') * (10 - i);
		}
		int check = 11 - (sum % 11);
		if (check == 11) {
			return 0;
		}
		return (check == 10) ? -1 : check;
	}

	private static String normalise(String input) {
		if (input == null) {
			throw new InvalidNhsNumberException("NHS number is missing");
		}
		String trimmed = input.strip();
		if (trimmed.length() == 12 && (isSeparated(trimmed, ' ') || isSeparated(trimmed, '-'))) {
			return trimmed.substring(0, 3) + trimmed.substring(4, 7) + trimmed.substring(8);
		}
		return trimmed;
	}

	private static boolean isSeparated(String s, char separator) {
		return s.charAt(3) == separator && s.charAt(7) == separator;
	}

	private static Check check(String digits) {
		if (digits.length() != 10) {
			return Check.LENGTH;
		}
		for (int i = 0; i < 10; i++) {
			char c = digits.charAt(i);
			if (c < '0' || c > '9') {
				return Check.NOT_DIGITS;
			}
		}
		if (digits.chars().distinct().count() == 1 || "0123456789".equals(digits)) {
			return Check.PLACEHOLDER;
		}
		int expected = checkDigit(digits);
		if (expected < 0 || expected != digits.charAt(9) - '0') {
			return Check.CHECK_DIGIT;
		}
		return Check.VALID;
	}

	/** The ten digits, without separators. */
	public String value() {
		return this.digits;
	}

	/**
	 * The number in 3-3-4 form with spaces, as printed on NHS letters:
	 * {@code 943 476 5919}.
	 */
	public String formatted() {
		return this.digits.substring(0, 3) + " " + this.digits.substring(3, 6) + " " + this.digits.substring(6);
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof NhsNumber that && this.digits.equals(that.digits));
	}

	@Override
	public int hashCode() {
		return this.digits.hashCode();
	}

	@Override
	public int compareTo(NhsNumber other) {
		return this.digits.compareTo(other.digits);
	}

	/**
	 * The ten digits, so that the value can be written wherever an identifier is
	 * expected.
	 */
	@Override
	public String toString() {
		return this.digits;
	}

	private enum Check {

		VALID(""), LENGTH("NHS number must have 10 digits (3-3-4 spacing allowed)"),
		NOT_DIGITS("NHS number must contain only digits"),
		PLACEHOLDER("NHS number is a placeholder, not a real number"),
		CHECK_DIGIT("NHS number fails the Modulus 11 check");

		final String message;

		Check(String message) {
			this.message = message;
		}

	}

	/** Thrown when text is not a valid NHS number; the message says why. */
	public static final class InvalidNhsNumberException extends IllegalArgumentException {

		public InvalidNhsNumberException(String message) {
			super(message);
		}

	}

}
