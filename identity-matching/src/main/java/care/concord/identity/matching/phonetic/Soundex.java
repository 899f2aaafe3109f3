package care.concord.identity.matching.phonetic;

/**
 * American Soundex (as used by the US census and by most linkage tools): the first
 * letter, then digits for the following consonant groups, adjacent equal codes collapsed
 * (also across h and w), padded to four.
 */
public final class Soundex {

	// a b c d e f g h i j k l m n o p q r s t u v w x y z
	private static final String CODES = "01230120022455012623010202";

	private Soundex() {
	}

	/**
	 * The code of the letters a–z in the text (others ignored), or {@code null} when
	 * there are none.
	 */
	public static String encode(String text) {
		if (text == null) {
			return null;
		}
		char[] out = new char[4];
		int n = 0;
		char last = 0;
		for (int i = 0; i < text.length() && n < 4; i++) {
			char c = Character.toLowerCase(text.charAt(i));
			if (c < 'a' || c > 'z') {
				continue;
			}
			char code = CODES.charAt(c - 'a');
			if (n == 0) {
				out[n++] = (char) (c - 32);
				last = code;
				continue;
			}
			if (c == 'h' || c == 'w') {
				continue;
			}
			if (code == '0') {
				last = '0';
				continue;
			}
			if (code != last) {
				out[n++] = code;
			}
			last = code;
		}
		if (n == 0) {
			return null;
		}
		while (n < 4) {
			out[n++] = '0';
		}
		return new String(out);
	}

}
