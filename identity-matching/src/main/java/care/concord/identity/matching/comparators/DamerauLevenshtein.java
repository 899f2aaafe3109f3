package care.concord.identity.matching.comparators;

/**
 * Damerau–Levenshtein edit distance in its optimal-string-alignment form: insertions,
 * deletions, substitutions and transpositions of adjacent characters each cost one, and
 * no substring is edited twice. This is the variant record-linkage tools use; it counts
 * {@code 19371223} → {@code 19372123} as one edit.
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
	 * True when the distance is exactly one: one substitution, insertion, deletion or
	 * adjacent transposition. Linear time and allocation-free, for the comparison levels
	 * that only ask this.
	 * @throws NullPointerException if either is {@code null}
	 */
	public static boolean isOneEdit(String a, String b) {
		int la = a.length();
		int lb = b.length();
		if (Math.abs(la - lb) > 1) {
			return false;
		}
		int i = 0;
		while (i < la && i < lb && a.charAt(i) == b.charAt(i)) {
			i++;
		}
		if (la == lb) {
			if (i == la) {
				return false;
			}
			// substitution at i, or transposition of i and i + 1
			if (a.regionMatches(i + 1, b, i + 1, la - i - 1)) {
				return true;
			}
			return i + 1 < la && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
					&& a.regionMatches(i + 2, b, i + 2, la - i - 2);
		}
		// one insertion or deletion at i
		return (la > lb) ? a.regionMatches(i + 1, b, i, lb - i) : b.regionMatches(i + 1, a, i, la - i);
	}

	/**
	 * Similarity in [0, 1]: one minus the distance over the longer length; 1 for equal
	 * strings, 0 when either is {@code null}.
	 */
	public static double similarity(String a, String b) {
		if (a == null || b == null) {
			return 0;
		}
		int max = Math.max(a.length(), b.length());
		return max == 0 ? 1 : 1.0 - (double) distance(a, b) / max;
	}

}
