package care.concord.identity.matching.comparators;

/**
 * Jaro–Winkler similarity: Jaro's measure of matching characters and transpositions,
 * boosted for a common prefix of up to four characters (scale 0.1), as in Winkler (1990)
 * and Splink.
 */
public final class JaroWinkler {

	private JaroWinkler() {
	}

	/**
	 * Similarity in [0, 1]; 1 for equal strings. {@code null} is not a value: either
	 * argument {@code null} gives 0, and callers treat missing values as missing before
	 * asking.
	 */
	public static double similarity(String a, String b) {
		if (a == null || b == null) {
			return 0;
		}
		if (a.equals(b)) {
			return 1;
		}
		double jaro = jaro(a, b);
		int prefix = 0;
		int max = Math.min(4, Math.min(a.length(), b.length()));
		while (prefix < max && a.charAt(prefix) == b.charAt(prefix)) {
			prefix++;
		}
		return jaro + prefix * 0.1 * (1 - jaro);
	}

	/**
	 * Jaro similarity in [0, 1]; 0 when either argument is {@code null} or empty (and
	 * they differ).
	 */
	public static double jaro(String a, String b) {
		if (a == null || b == null) {
			return 0;
		}
		int la = a.length();
		int lb = b.length();
		if (la == 0 || lb == 0) {
			return (la == lb) ? 1 : 0;
		}
		int window = Math.max(0, Math.max(la, lb) / 2 - 1);
		if (la <= 64 && lb <= 64) {
			return jaroShort(a, b, la, lb, window);
		}
		boolean[] matchedA = new boolean[la];
		boolean[] matchedB = new boolean[lb];
		int matches = 0;
		for (int i = 0; i < la; i++) {
			int from = Math.max(0, i - window);
			int to = Math.min(lb - 1, i + window);
			char c = a.charAt(i);
			for (int j = from; j <= to; j++) {
				if (!matchedB[j] && b.charAt(j) == c) {
					matchedA[i] = true;
					matchedB[j] = true;
					matches++;
					break;
				}
			}
		}
		if (matches == 0) {
			return 0;
		}
		int transpositions = 0;
		int k = 0;
		for (int i = 0; i < la; i++) {
			if (matchedA[i]) {
				while (!matchedB[k]) {
					k++;
				}
				if (a.charAt(i) != b.charAt(k)) {
					transpositions++;
				}
				k++;
			}
		}
		double m = matches;
		return (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
	}

	// The same computation with the matched flags in two longs: no allocation, for the
	// usual short values.
	private static double jaroShort(String a, String b, int la, int lb, int window) {
		long matchedA = 0;
		long matchedB = 0;
		int matches = 0;
		for (int i = 0; i < la; i++) {
			int from = Math.max(0, i - window);
			int to = Math.min(lb - 1, i + window);
			char c = a.charAt(i);
			for (int j = from; j <= to; j++) {
				if ((matchedB & (1L << j)) == 0 && b.charAt(j) == c) {
					matchedA |= 1L << i;
					matchedB |= 1L << j;
					matches++;
					break;
				}
			}
		}
		if (matches == 0) {
			return 0;
		}
		int transpositions = 0;
		int k = 0;
		for (int i = 0; i < la; i++) {
			if ((matchedA & (1L << i)) != 0) {
				while ((matchedB & (1L << k)) == 0) {
					k++;
				}
				if (a.charAt(i) != b.charAt(k)) {
					transpositions++;
				}
				k++;
			}
		}
		double m = matches;
		return (m / la + m / lb + (m - transpositions / 2.0) / m) / 3.0;
	}

}
