package care.concord.identity.demographics;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;

/**
 * Standardises personal names so that comparisons see spelling, not typography.
 *
 * <p>
 * Lower case, diacritics removed ({@code Zoë} → {@code zoe}), apostrophes dropped so that
 * {@code O'Brien} and {@code OBrien} agree, every other punctuation (hyphens, dots,
 * commas) turned into a single space so that {@code Smith-Jones} and {@code Smith Jones}
 * agree, and leading titles ({@code Mr}, {@code Dr}, ...) removed.
 */
public final class Names {

	private static final Set<String> TITLES = Set.of("mr", "mrs", "miss", "ms", "mx", "dr", "prof", "sir", "dame",
			"rev", "lady", "lord");

	private Names() {
	}

	/**
	 * The standardised name, or {@code null} when nothing of a name remains (empty, only
	 * punctuation).
	 */
	public static String standardise(String raw) {
		if (raw == null) {
			return null;
		}
		String folded = fold(raw);
		String[] tokens = folded.split(" ");
		StringBuilder out = new StringBuilder(folded.length());
		for (String token : tokens) {
			if (token.isEmpty() || (out.length() == 0 && tokens.length > 1 && TITLES.contains(token))) {
				continue;
			}
			if (out.length() > 0) {
				out.append(' ');
			}
			out.append(token);
		}
		return out.length() == 0 ? null : out.toString();
	}

	/**
	 * Lower-case ASCII letters and digits separated by single spaces; apostrophes
	 * removed, other punctuation a space. Shared by names and addresses.
	 */
	static String fold(String raw) {
		String s = raw;
		for (int i = 0; i < s.length(); i++) {
			if (s.charAt(i) > 127) {
				s = Normalizer.normalize(s, Normalizer.Form.NFD);
				break;
			}
		}
		StringBuilder out = new StringBuilder(s.length());
		boolean space = true;
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + 32);
			}
			if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
				out.append(c);
				space = false;
			}
			else if (c == '\'' || c == '\u2019' || c == '`' || Character.getType(c) == Character.NON_SPACING_MARK) {
				// apostrophes and combining accents vanish: O'Brien = OBrien, e + acute =
				// e
			}
			else if (c > 127 && Character.isLetter(c)) {
				String mapped = ligature(c);
				out.append(mapped);
				space = false;
			}
			else if (!space) {
				out.append(' ');
				space = true;
			}
		}
		int len = out.length();
		if (len > 0 && out.charAt(len - 1) == ' ') {
			out.setLength(len - 1);
		}
		return out.toString();
	}

	private static String ligature(char c) {
		switch (Character.toLowerCase(c)) {
			case 'ß':
				return "ss";
			case 'æ':
				return "ae";
			case 'œ':
				return "oe";
			case 'ø':
				return "o";
			case 'ł':
				return "l";
			case 'đ':
			case 'ð':
				return "d";
			case 'þ':
				return "th";
			default:
				String lower = String.valueOf(Character.toLowerCase(c)).toLowerCase(Locale.ROOT);
				return lower.chars().allMatch(ch -> ch >= 'a' && ch <= 'z') ? lower : "";
		}
	}

	/**
	 * The first token of a standardised name (the name a person is usually called by), or
	 * {@code null}.
	 */
	public static String firstToken(String standardised) {
		if (standardised == null) {
			return null;
		}
		int space = standardised.indexOf(' ');
		return space < 0 ? standardised : standardised.substring(0, space);
	}

}
