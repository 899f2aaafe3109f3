package care.concord.identity.matching.comparators;

/**
 * Compares dates of birth written as {@code yyyymmdd} digits, distinguishing the errors
 * people make when writing dates: a swapped day and month, one mistyped or transposed
 * digit, a year one off, a wrong day only.
 *
 * <p>
 * A date on the same day and month but a generation away ({@value #GENERATION_MIN} to
 * {@value #GENERATION_MAX} years) is the pattern of a parent or child, not of a typo, and
 * is {@link Relation#DIFFERENT} even when only one digit differs ({@code 1948} against
 * {@code 1978}).
 */
public final class DateComparator {

	/** How two dates of birth relate, best first. */
	public enum Relation {

		/** The same date. */
		EXACT,
		/**
		 * Same year, day and month swapped ({@code 1980-03-12} against
		 * {@code 1980-12-03}).
		 */
		DAY_MONTH_SWAPPED,
		/**
		 * One digit differs, two adjacent digits are transposed, or the year is one off.
		 */
		ONE_EDIT,
		/** Same year and month, different day. */
		SAME_YEAR_MONTH,
		/** Two digit edits apart. */
		TWO_EDITS,
		/** Anything else. */
		DIFFERENT

	}

	/** Fewest years between the birth dates of a parent and child. */
	public static final int GENERATION_MIN = 15;

	/** Most years between the birth dates of a parent and child. */
	public static final int GENERATION_MAX = 60;

	private DateComparator() {
	}

	/**
	 * The relation of two {@code yyyymmdd} strings, or {@code null} when either is
	 * {@code null} (missing is not a disagreement).
	 */
	public static Relation compare(String a, String b) {
		if (a == null || b == null) {
			return null;
		}
		if (a.equals(b)) {
			return Relation.EXACT;
		}
		if (isDayMonthSwap(a, b)) {
			return Relation.DAY_MONTH_SWAPPED;
		}
		int years = sameDayAndMonth(a, b) ? Math.abs(year(a) - year(b)) : -1;
		if (years >= GENERATION_MIN && years <= GENERATION_MAX) {
			return Relation.DIFFERENT;
		}
		if (years == 1 || DamerauLevenshtein.isOneEdit(a, b)) {
			return Relation.ONE_EDIT;
		}
		if (a.regionMatches(0, b, 0, 6)) {
			return Relation.SAME_YEAR_MONTH;
		}
		return DamerauLevenshtein.distance(a, b) == 2 ? Relation.TWO_EDITS : Relation.DIFFERENT;
	}

	/**
	 * True when two {@code yyyymmdd} dates share month and day (and the year is all
	 * digits).
	 */
	public static boolean sameDayAndMonth(String a, String b) {
		return a.length() == 8 && b.length() == 8 && a.regionMatches(4, b, 4, 4) && year(a) >= 0 && year(b) >= 0;
	}

	/**
	 * Years between two dates on the same day and month ({@link #sameDayAndMonth}), else
	 * -1.
	 */
	public static int yearsApartOnSameDay(String a, String b) {
		return (a != null && b != null && sameDayAndMonth(a, b)) ? Math.abs(year(a) - year(b)) : -1;
	}

	private static int year(String yyyymmdd) {
		int y = 0;
		for (int i = 0; i < 4; i++) {
			char c = yyyymmdd.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			y = y * 10 + (c - '0');
		}
		return y;
	}

	/**
	 * True when the years agree and a's month and day are b's day and month (and the two
	 * dates differ).
	 */
	public static boolean isDayMonthSwap(String a, String b) {
		return a.length() == 8 && b.length() == 8 && a.regionMatches(0, b, 0, 4) && a.regionMatches(4, b, 6, 2)
				&& a.regionMatches(6, b, 4, 2) && !a.equals(b);
	}

	/** Similarity in [0, 1] derived from the relation; 0 when either is {@code null}. */
	public static double similarity(String a, String b) {
		Relation r = compare(a, b);
		if (r == null) {
			return 0;
		}
		switch (r) {
			case EXACT:
				return 1;
			case DAY_MONTH_SWAPPED:
				return 0.9;
			case ONE_EDIT:
				return 0.85;
			case SAME_YEAR_MONTH:
				return 0.7;
			case TWO_EDITS:
				return 0.6;
			default:
				return 0;
		}
	}

}
