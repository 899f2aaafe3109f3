package care.concord.identity.matching.scoring;

import java.util.List;

import care.concord.identity.demographics.Nicknames;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.comparators.DamerauLevenshtein;
import care.concord.identity.matching.comparators.DateComparator;
import care.concord.identity.matching.comparators.JaroWinkler;
import care.concord.identity.nhs.NhsNumber;

/**
 * One field comparison of the Fellegi–Sunter model, with its ordered comparison levels
 * (best first; the first level whose condition holds is the pair's level). A pair where
 * either side lacks the field gets level {@link #MISSING}, which carries no weight, so
 * absence is neither evidence for nor against a match.
 */
public enum Comparison {

	/**
	 * Given names: exact, nickname of the same formal name, Jaro–Winkler bands, swapped
	 * with family name.
	 */
	GIVEN_NAME("EXACT", "NICKNAME", "JW_0_92", "JW_0_80", "SWAPPED", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			String x = a.givenName();
			String y = b.givenName();
			if (x == null || y == null) {
				return MISSING;
			}
			if (x.equals(y)) {
				return 0;
			}
			if (Nicknames.standard().sameName(a.givenCanonical(), b.givenCanonical())
					|| Nicknames.standard().sameName(firstToken(x), firstToken(y))) {
				return 1;
			}
			double s = nameSimilarity(x, y);
			if (s >= 0.92) {
				return 2;
			}
			if (s >= 0.80) {
				return 3;
			}
			return swapped(x, b.familyName(), a.familyName(), y) ? 4 : 5;
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.givenName();
		}
	},
	/** Family names: exact, one edit, Jaro–Winkler bands, swapped with given name. */
	FAMILY_NAME("EXACT", "DL_1", "JW_0_92", "JW_0_80", "SWAPPED", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			String x = a.familyName();
			String y = b.familyName();
			if (x == null || y == null) {
				return MISSING;
			}
			if (x.equals(y)) {
				return 0;
			}
			if (DamerauLevenshtein.isOneEdit(x, y)) {
				return 1;
			}
			double s = nameSimilarity(x, y);
			if (s >= 0.92) {
				return 2;
			}
			if (s >= 0.80) {
				return 3;
			}
			return swapped(x, b.givenName(), a.givenName(), y) ? 4 : 5;
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.familyName();
		}
	},
	/** Dates of birth: see {@link DateComparator.Relation}. */
	DATE_OF_BIRTH("EXACT", "DAY_MONTH_SWAPPED", "ONE_EDIT", "SAME_YEAR_MONTH", "TWO_EDITS", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			DateComparator.Relation r = DateComparator.compare(a.dateOfBirth(), b.dateOfBirth());
			return (r == null) ? MISSING : r.ordinal();
		}
	},
	/** Postcodes: exact, one edit, same district (outward code), else. */
	POSTCODE("EXACT", "DL_1", "DISTRICT", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			String x = a.postcode();
			String y = b.postcode();
			if (x == null || y == null) {
				return MISSING;
			}
			if (x.equals(y)) {
				return 0;
			}
			if (DamerauLevenshtein.isOneEdit(x, y)) {
				return 1;
			}
			return sameDistrict(x, y) ? 2 : 3;
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.postcode();
		}
	},
	/** House numbers: exact, one edit, else. */
	STREET_NUMBER("EXACT", "DL_1", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			return exactOrEdit(a.streetNumber(), b.streetNumber());
		}
	},
	/** Streets: exact ignoring spaces, Jaro–Winkler bands, else. */
	STREET("EXACT", "JW_0_90", "JW_0_75", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			return bands(a.street(), b.street(), 0.90, 0.75);
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.street();
		}
	},
	/** Localities (second address line): exact, close, else. */
	LOCALITY("EXACT", "JW_0_88", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			return bands(a.locality(), b.locality(), 0.88, 2);
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.locality();
		}
	},
	/** Towns or suburbs: exact, close, else. */
	TOWN("EXACT", "JW_0_88", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			return bands(a.town(), b.town(), 0.88, 2);
		}

		@Override
		String termValue(StandardisedPerson p) {
			return p.town();
		}
	},
	/** Counties or states: exact, else. */
	REGION("EXACT", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			String x = a.region();
			String y = b.region();
			if (x == null || y == null) {
				return MISSING;
			}
			return x.equals(y) ? 0 : 1;
		}
	},
	/**
	 * The shared identifier: exact, one edit (a typo), else. Used only when allowed. For
	 * NHS numbers (ten digits on both sides) two different numbers that both pass Modulus
	 * 11 are {@code ELSE}: two people. A number that fails Modulus 11 is a keying error,
	 * not disagreement: one substitution or adjacent transposition from the other number
	 * is {@code DL_1} (partial evidence), anything further is {@link #MISSING} (no
	 * evidence).
	 */
	IDENTIFIER("EXACT", "DL_1", "ELSE") {
		@Override
		int level(StandardisedPerson a, StandardisedPerson b) {
			String x = a.identifier();
			String y = b.identifier();
			if (x == null || y == null) {
				return MISSING;
			}
			if (x.equals(y)) {
				return 0;
			}
			if (isTenDigits(x) && isTenDigits(y)) {
				if (passesModulus11(x) && passesModulus11(y)) {
					return 2;
				}
				return DamerauLevenshtein.isOneEdit(x, y) ? 1 : MISSING;
			}
			return exactOrEdit(x, y);
		}
	};

	/**
	 * True when both records carry NHS numbers (ten digits) that pass Modulus 11 and
	 * differ: two people, whatever their demographics say.
	 */
	public static boolean differentValidNhsNumbers(StandardisedPerson a, StandardisedPerson b) {
		String x = a.identifier();
		String y = b.identifier();
		return x != null && y != null && !x.equals(y) && isTenDigits(x) && isTenDigits(y) && passesModulus11(x)
				&& passesModulus11(y);
	}

	/** True when the standardised identifier is an NHS number that passes Modulus 11. */
	public static boolean isValidNhsNumber(String identifier) {
		return identifier != null && isTenDigits(identifier) && passesModulus11(identifier);
	}

	static boolean isTenDigits(String s) {
		if (s.length() != 10) {
			return false;
		}
		for (int i = 0; i < 10; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	static boolean passesModulus11(String tenDigits) {
		return NhsNumber.checkDigit(tenDigits) == tenDigits.charAt(9) - '0';
	}

	/** The level of a pair where either record lacks the field. */
	public static final int MISSING = -1;

	private final List<String> levels;

	Comparison(String... levels) {
		this.levels = List.of(levels);
	}

	/** The level names, best first. */
	public List<String> levels() {
		return this.levels;
	}

	/** The number of levels (excluding {@link #MISSING}). */
	public int levelCount() {
		return this.levels.size();
	}

	/** The index of a level name. */
	public int levelIndex(String name) {
		int i = this.levels.indexOf(name);
		if (i < 0) {
			throw new IllegalArgumentException(name() + " has no level " + name);
		}
		return i;
	}

	/**
	 * The pair's level index, or {@link #MISSING}. A pure function of the two records.
	 */
	abstract int level(StandardisedPerson a, StandardisedPerson b);

	/** The pair's level index, or {@link #MISSING}. */
	public int compare(StandardisedPerson a, StandardisedPerson b) {
		return level(a, b);
	}

	/**
	 * The value whose frequency adjusts the weight of an exact agreement, or {@code null}
	 * when this comparison has no term-frequency adjustment.
	 */
	String termValue(StandardisedPerson p) {
		return null;
	}

	/**
	 * True when this comparison supports term-frequency adjustment of its exact level.
	 */
	public boolean supportsTermFrequency() {
		return this == GIVEN_NAME || this == FAMILY_NAME || this == POSTCODE || this == STREET || this == LOCALITY
				|| this == TOWN;
	}

	static double nameSimilarity(String x, String y) {
		double s = JaroWinkler.similarity(x, y);
		if (s < 0.92 && (x.indexOf(' ') > 0 || y.indexOf(' ') > 0)) {
			// multiple names ("mary jane" against "mary"): the best agreeing pair of
			// parts counts
			for (String p : x.split(" ")) {
				for (String q : y.split(" ")) {
					if (p.length() > 1 && q.length() > 1) {
						s = Math.max(s, JaroWinkler.similarity(p, q));
					}
				}
			}
		}
		return s;
	}

	// A swap needs both crossings to agree: one crossing alone is just a person named
	// "George George" or a
	// given name that is also a surname ("Mark Richards" against "Richard Riley").
	private static boolean swapped(String x, String yOther, String xOther, String y) {
		return yOther != null && xOther != null && JaroWinkler.similarity(x, yOther) >= 0.92
				&& JaroWinkler.similarity(xOther, y) >= 0.92;
	}

	private static String firstToken(String s) {
		int space = s.indexOf(' ');
		return space < 0 ? s : s.substring(0, space);
	}

	// allocation-free forms of the obvious string operations: these run for every
	// candidate of every look-up
	static boolean equalsIgnoringSpaces(String x, String y) {
		int i = 0;
		int j = 0;
		while (true) {
			while (i < x.length() && x.charAt(i) == ' ') {
				i++;
			}
			while (j < y.length() && y.charAt(j) == ' ') {
				j++;
			}
			if (i == x.length() || j == y.length()) {
				return i == x.length() && j == y.length();
			}
			if (x.charAt(i++) != y.charAt(j++)) {
				return false;
			}
		}
	}

	static boolean sameDistrict(String x, String y) {
		int sx = x.indexOf(' ');
		int sy = y.indexOf(' ');
		int lx = (sx > 0) ? sx : Math.min(3, x.length());
		int ly = (sy > 0) ? sy : Math.min(3, y.length());
		return lx == ly && x.regionMatches(0, y, 0, lx);
	}

	private static int exactOrEdit(String x, String y) {
		if (x == null || y == null) {
			return MISSING;
		}
		if (x.equals(y)) {
			return 0;
		}
		return DamerauLevenshtein.isOneEdit(x, y) ? 1 : 2;
	}

	private static int bands(String x, String y, double high, double low) {
		if (x == null || y == null) {
			return MISSING;
		}
		if (x.equals(y) || equalsIgnoringSpaces(x, y)) {
			return 0;
		}
		double s = JaroWinkler.similarity(x, y);
		if (s >= high) {
			return 1;
		}
		if (low <= 1 && s >= low) {
			return 2;
		}
		return (low <= 1) ? 3 : 2;
	}

}
