package care.concord.identity.demographics;

/**
 * Normalises postcodes: UK postcodes to upper case with one space before the inward code
 * ({@code sw1a1aa} → {@code SW1A 1AA}); plain numeric postcodes such as FEBRL's
 * Australian {@code 4011} kept as digits; other short alphanumeric values (a typo'd
 * postcode is still evidence) kept in upper case without spaces.
 */
public final class Postcodes {

	/**
	 * Longest accepted postcode once spaces are removed; UK postcodes have at most 7
	 * characters.
	 */
	public static final int MAX_LENGTH = 10;

	private Postcodes() {
	}

	/**
	 * The normalised postcode, or {@code null} for blank input.
	 * @throws InvalidFieldException for field {@code postcode} when the value contains
	 * anything but letters, digits and spaces or is longer than {@value #MAX_LENGTH}
	 * characters
	 */
	public static String normalise(String raw) {
		if (raw == null || raw.isBlank()) {
			return null;
		}
		StringBuilder compact = new StringBuilder(8);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (c >= 'a' && c <= 'z') {
				compact.append((char) (c - 32));
			}
			else if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
				compact.append(c);
			}
			else if (c != ' ' && c != '-' && c != '\t') {
				throw new InvalidFieldException("postcode", "'" + raw.strip() + "' contains '" + c + "'");
			}
		}
		if (compact.length() > MAX_LENGTH) {
			throw new InvalidFieldException("postcode", "'" + raw.strip() + "' is too long for a postcode");
		}
		if (compact.length() == 0) {
			return null;
		}
		String s = compact.toString();
		if (isUk(s)) {
			return s.substring(0, s.length() - 3) + " " + s.substring(s.length() - 3);
		}
		return s;
	}

	/**
	 * True for a compact (no space) UK postcode: outward code A9, A99, AA9, AA99, A9A or
	 * AA9A, then inward 9AA.
	 */
	static boolean isUk(String s) {
		int n = s.length();
		if (n < 5 || n > 7) {
			return false;
		}
		if (!digit(s.charAt(n - 3)) || !letter(s.charAt(n - 2)) || !letter(s.charAt(n - 1))) {
			return false;
		}
		String out = s.substring(0, n - 3);
		if (!letter(out.charAt(0))) {
			return false;
		}
		int i = letter(out.charAt(1)) ? 2 : 1;
		if (i >= out.length() || !digit(out.charAt(i))) {
			return false;
		}
		String rest = out.substring(i + 1);
		return rest.isEmpty() || (rest.length() == 1 && (digit(rest.charAt(0)) || letter(rest.charAt(0))));
	}

	/**
	 * The coarser area a normalised postcode lies in: the outward code of a UK postcode
	 * ({@code SW1A}), else the first three characters; {@code null} for {@code null}.
	 */
	public static String district(String normalised) {
		if (normalised == null) {
			return null;
		}
		int space = normalised.indexOf(' ');
		if (space > 0) {
			return normalised.substring(0, space);
		}
		return normalised.length() <= 3 ? normalised : normalised.substring(0, 3);
	}

	private static boolean digit(char c) {
		return c >= '0' && c <= '9';
	}

	private static boolean letter(char c) {
		return c >= 'A' && c <= 'Z';
	}

}
