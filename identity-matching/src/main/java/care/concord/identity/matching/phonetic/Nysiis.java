package care.concord.identity.matching.phonetic;

/**
 * NYSIIS (New York State Identification and Intelligence System) phonetic code, original
 * algorithm (Taft 1970) without truncation. More discriminating than Soundex for surnames
 * because it keeps vowel positions.
 */
public final class Nysiis {

	private Nysiis() {
	}

	/**
	 * The code of the letters a–z in the text (others ignored), or {@code null} when
	 * there are none.
	 */
	public static String encode(String text) {
		if (text == null) {
			return null;
		}
		StringBuilder sb = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = Character.toUpperCase(text.charAt(i));
			if (c >= 'A' && c <= 'Z') {
				sb.append(c);
			}
		}
		if (sb.length() == 0) {
			return null;
		}
		String s = sb.toString();
		// 1. first-letter rules
		if (s.startsWith("MAC")) {
			s = "MCC" + s.substring(3);
		}
		else if (s.startsWith("KN")) {
			s = "NN" + s.substring(2);
		}
		else if (s.startsWith("K")) {
			s = "C" + s.substring(1);
		}
		else if (s.startsWith("PH") || s.startsWith("PF")) {
			s = "FF" + s.substring(2);
		}
		else if (s.startsWith("SCH")) {
			s = "SSS" + s.substring(3);
		}
		// 2. last-letter rules
		if (s.endsWith("EE") || s.endsWith("IE")) {
			s = s.substring(0, s.length() - 2) + "Y";
		}
		else if (s.endsWith("DT") || s.endsWith("RT") || s.endsWith("RD") || s.endsWith("NT") || s.endsWith("ND")) {
			s = s.substring(0, s.length() - 2) + "D";
		}
		char[] chars = s.toCharArray();
		StringBuilder key = new StringBuilder();
		key.append(chars[0]);
		for (int i = 1; i < chars.length; i++) {
			char c = chars[i];
			String rep;
			if (c == 'E' && i + 1 < chars.length && chars[i + 1] == 'V') {
				rep = "AF";
				chars[i + 1] = 'F';
			}
			else if (isVowel(c)) {
				rep = "A";
			}
			else if (c == 'Q') {
				rep = "G";
			}
			else if (c == 'Z') {
				rep = "S";
			}
			else if (c == 'M') {
				rep = "N";
			}
			else if (c == 'K') {
				if (i + 1 < chars.length && chars[i + 1] == 'N') {
					rep = "N";
				}
				else {
					rep = "C";
				}
			}
			else if (c == 'S' && i + 2 < chars.length && chars[i + 1] == 'C' && chars[i + 2] == 'H') {
				rep = "SSS";
				chars[i + 1] = 'S';
				chars[i + 2] = 'S';
			}
			else if (c == 'P' && i + 1 < chars.length && chars[i + 1] == 'H') {
				rep = "FF";
				chars[i + 1] = 'F';
			}
			else if (c == 'H' && (!isVowel(chars[i - 1]) || (i + 1 < chars.length && !isVowel(chars[i + 1]))
					|| i + 1 == chars.length)) {
				rep = String.valueOf(chars[i - 1]);
			}
			else if (c == 'W' && isVowel(chars[i - 1])) {
				rep = String.valueOf(chars[i - 1]);
			}
			else {
				rep = String.valueOf(c);
			}
			chars[i] = rep.charAt(0);
			for (int r = 0; r < rep.length(); r++) {
				char rc = rep.charAt(r);
				if (key.charAt(key.length() - 1) != rc) {
					key.append(rc);
				}
			}
		}
		// 3. end rules
		int n = key.length();
		if (n > 1 && key.charAt(n - 1) == 'S') {
			key.setLength(--n);
		}
		if (n > 2 && key.charAt(n - 2) == 'A' && key.charAt(n - 1) == 'Y') {
			key.setLength(n - 2);
			key.append('Y');
			n = key.length();
		}
		if (n > 1 && key.charAt(n - 1) == 'A') {
			key.setLength(n - 1);
		}
		return key.toString();
	}

	private static boolean isVowel(char c) {
		return c == 'A' || c == 'E' || c == 'I' || c == 'O' || c == 'U';
	}

}
