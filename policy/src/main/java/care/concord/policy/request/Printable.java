package care.concord.policy.request;

/**
 * The one way Concord echoes a caller's text (an unknown member name, a code it did not
 * recognise) into an error message, a problem or an audit record: at most
 * {@value #MAX_CHARS} characters then {@code ...}, and every control, format
 * (bidirectional overrides, zero-width) or line-separator character replaced by
 * {@code ?}, so that a hostile value can neither forge log lines nor reorder what a
 * reader sees.
 */
public final class Printable {

	/** The most characters echoed. */
	public static final int MAX_CHARS = 64;

	private Printable() {
	}

	/** {@code value} made safe to echo; {@code "null"} for null. */
	public static String of(String value) {
		if (value == null) {
			return "null";
		}
		int end = Math.min(value.length(), MAX_CHARS);
		if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		StringBuilder out = new StringBuilder(end + 3);
		for (int i = 0; i < end; i++) {
			char c = value.charAt(i);
			out.append(safe(c) ? c : '?');
		}
		return (end < value.length()) ? out.append("...").toString() : out.toString();
	}

	private static boolean safe(char c) {
		if (Character.isISOControl(c)) {
			return false;
		}
		int type = Character.getType(c);
		return type != Character.FORMAT && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR
				&& type != Character.UNASSIGNED && type != Character.PRIVATE_USE;
	}

}
