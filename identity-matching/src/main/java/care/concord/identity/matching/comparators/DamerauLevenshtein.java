package care.concord.identity.matching.comparators;

/**
 * Damerau–Levenshtein edit distance in its optimal-string-alignment form: insertions, deletions, substitutions
 * and transpositions of adjacent characters each cost one, and no substring is edited twice. This is the
 * variant record-linkage tools use; it counts {@code 19371223} → {@code 19372123} as one edit.
 */
public final class DamerauLevenshtein {

	private DamerauLevenshtein() {
	}

	/**
	 * The edit distance; both arguments must be non-null.
	 * @throws NullPointerException if either is {@code null}
	 */
	public static int distance(String a, String b) {
		int la = a.length();
		int lb = b.length();
		if (la == 0) {
			return lb;
		}
		if (lb == 0) {
			return la;
		}
		int[] prev2 = new int[lb + 1];
		int[] prev = new int[lb + 1];
		int[] cur = new int[lb + 1];
		for (int j = 0; j <= lb; j++) {
			prev[j] = j;
		}
		for (int i = 1; i <= la; i++) {
			cur[0] = i;
			char ca = a.charAt(i - 1);
			for (int j = 1; j <= lb; j++) {
				char cb = b.charAt(j - 1);
				int cost = (ca == cb) ? 0 : 1;
				int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
				if (i > 1 && j > 1 && ca == b.charAt(j - 2) && a.charAt(i - 2) == cb) {
					d = Math.min(d, prev2[j - 2] + 1);
				}
				cur[j] = d;
			}
			int[] t = prev2;
			prev2 = prev;
			prev = cur;
			cur = t;
		}
		return prev[lb];
	}

	/**
	 * Similarity in [0, 1]: one minus the distance over the longer length; 1 for equal strings, 0 when either
	 * is {@code null}.
	 */
	public static double similarity(String a, String b) {
		if (a == null || b == null) {
			return 0;
		}
		int max = Math.max(a.length(), b.length());
		return max == 0 ? 1 : 1.0 - (double) distance(a, b) / max;
	}

}
