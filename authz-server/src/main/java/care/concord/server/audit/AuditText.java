package care.concord.server.audit;

/**
 * Checks and normalises text before it is written to the audit log, so that every
 * database stores it unchanged and its hash can be recomputed from what was stored.
 */
final class AuditText {

	/**
	 * PostgreSQL text cannot hold U+0000, so it is replaced rather than failing the
	 * append.
	 */
	private static final char NUL = '\u0000';

	private static final char REPLACEMENT = '\uFFFD';

	private AuditText() {
	}

	/**
	 * An identifier or code: null or blank becomes null; longer than {@code max}
	 * characters is a caller error. Length is counted in UTF-16 units, never fewer than
	 * the code points PostgreSQL counts.
	 */
	static String identifier(String field, String value, int max) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.strip();
		if (text.length() > max) {
			throw new IllegalArgumentException(field + " is longer than " + max + " characters");
		}
		return clean(text);
	}

	/**
	 * Free text kept as given (not stripped); longer than {@code max} characters is a
	 * caller error.
	 */
	static String text(String field, String value, int max) {
		if (value == null) {
			return null;
		}
		if (value.length() > max) {
			throw new IllegalArgumentException(field + " is longer than " + max + " characters");
		}
		return clean(value);
	}

	/**
	 * Free text cut to {@code max} characters (ending in an ellipsis when cut), for
	 * server-written prose.
	 */
	static String truncated(String value, int max) {
		if (value == null) {
			return null;
		}
		if (value.length() <= max) {
			return clean(value);
		}
		int end = max - 1;
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			// never split a surrogate pair: a lone half would not survive UTF-8
			end--;
		}
		String text = value.substring(0, end) + '\u2026';
		return clean(text);
	}

	private static String clean(String value) {
		return (value.indexOf(NUL) < 0) ? value : value.replace(NUL, REPLACEMENT);
	}

}
