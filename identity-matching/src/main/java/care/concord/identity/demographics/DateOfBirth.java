package care.concord.identity.demographics;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * A date of birth that exists in the calendar and lies between {@value #EARLIEST_YEAR}
 * and today.
 *
 * <p>
 * Accepted layouts: {@code yyyymmdd}, {@code yyyy-mm-dd}, {@code yyyy/mm/dd}, UK order
 * {@code dd/mm/yyyy}, {@code dd-mm-yyyy}, {@code dd.mm.yyyy} (one-digit day and month
 * allowed) and {@code 12 Mar 1980} / {@code 12 March 1980}. US order ({@code mm/dd/yyyy})
 * is deliberately not guessed: a wrong guess silently produces a day/month swap, which
 * the comparison already models as its own level.
 */
public record DateOfBirth(int year, int month, int day) {

	/**
	 * Nobody alive or recently deceased was born before this year; earlier values are
	 * keying errors.
	 */
	public static final int EARLIEST_YEAR = 1870;

	private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
			Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
			Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

	/** Validates that the date exists and is not before {@value #EARLIEST_YEAR}. */
	public DateOfBirth {
		if (year < EARLIEST_YEAR) {
			throw invalid("year " + year + " is before " + EARLIEST_YEAR);
		}
		try {
			LocalDate.of(year, month, day);
		}
		catch (DateTimeException ex) {
			throw invalid(String.format(Locale.ROOT, "%04d-%02d-%02d is not a calendar date", year, month, day));
		}
	}

	/** Parses a date of birth, refusing dates in the future of today (UTC). */
	public static DateOfBirth parse(String text) {
		return parse(text, LocalDate.now(ZoneOffset.UTC));
	}

	/**
	 * Parses a date of birth in one of the accepted layouts.
	 * @param today dates after this day are refused
	 * @throws InvalidFieldException for field {@code date_of_birth}, saying what is wrong
	 */
	public static DateOfBirth parse(String text, LocalDate today) {
		int[] ymd = split(text);
		DateOfBirth dob = new DateOfBirth(ymd[0], ymd[1], ymd[2]);
		if (dob.toLocalDate().isAfter(today)) {
			throw invalid(dob.toIso() + " is in the future");
		}
		return dob;
	}

	/**
	 * Reads year, month and day from the layout alone, without checking that they make a
	 * date; {@code null} when the text is in no accepted layout. Used to keep keying
	 * errors like {@code 19371233} as evidence.
	 */
	public static int[] fields(String text) {
		try {
			return split(text);
		}
		catch (InvalidFieldException ex) {
			return null;
		}
	}

	private static int[] split(String text) {
		if (text == null || text.isBlank()) {
			throw invalid("is missing");
		}
		String s = text.strip();
		if (s.length() > 40) {
			throw invalid("is not a date (too long)");
		}
		if (s.length() == 8 && allDigits(s, 0, 8)) {
			return new int[] { num(s, 0, 4), num(s, 4, 6), num(s, 6, 8) };
		}
		String[] parts = s.split("[-/. ]+");
		if (parts.length == 3) {
			if (parts[0].length() == 4 && allDigits(parts[0]) && allDigits(parts[1]) && allDigits(parts[2])
					&& parts[1].length() <= 2 && parts[2].length() <= 2) {
				return new int[] { Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]) };
			}
			if (parts[2].length() == 4 && allDigits(parts[2]) && allDigits(parts[0]) && parts[0].length() <= 2) {
				Integer month = allDigits(parts[1]) && parts[1].length() <= 2 ? Integer.valueOf(parts[1])
						: monthName(parts[1]);
				if (month != null) {
					return new int[] { Integer.parseInt(parts[2]), month, Integer.parseInt(parts[0]) };
				}
			}
		}
		throw invalid("'" + s + "' is not a date (use yyyymmdd, yyyy-mm-dd or dd/mm/yyyy)");
	}

	private static Integer monthName(String s) {
		String lower = s.toLowerCase(Locale.ROOT);
		if (lower.length() < 3) {
			return null;
		}
		Integer month = MONTHS.get(lower.substring(0, 3));
		return month;
	}

	private static boolean allDigits(String s) {
		return !s.isEmpty() && allDigits(s, 0, s.length());
	}

	private static boolean allDigits(String s, int from, int to) {
		for (int i = from; i < to; i++) {
			char c = s.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static int num(String s, int from, int to) {
		return Integer.parseInt(s.substring(from, to));
	}

	private static InvalidFieldException invalid(String message) {
		return new InvalidFieldException("date_of_birth", message);
	}

	/** As a {@link LocalDate}. */
	public LocalDate toLocalDate() {
		return LocalDate.of(this.year, this.month, this.day);
	}

	/** {@code yyyy-mm-dd}. */
	public String toIso() {
		return String.format(Locale.ROOT, "%04d-%02d-%02d", this.year, this.month, this.day);
	}

	/** {@code yyyymmdd}: the form comparisons and blocking keys work on. */
	public String toDigits() {
		return String.format(Locale.ROOT, "%04d%02d%02d", this.year, this.month, this.day);
	}

}
