package care.concord.identity.demographics;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Turns a {@link PersonRecord} into a {@link StandardisedPerson}.
 *
 * <p>
 * Fields longer than {@link #MAX_FIELD_LENGTH} characters are refused outright: no
 * demographic field is that long, and capping protects the quadratic string comparators.
 * Dates of birth are strict by default (an impossible or future date is an error); in
 * {@linkplain DateMode#LENIENT lenient} mode an impossible date that is still eight
 * plausible digits ({@code 19371233}), or a date less than {@value #FUTURE_YEARS_KEPT}
 * years in the future ({@code 2091-02-03}, a mistyped {@code 1991}), is kept as digits,
 * because in real data it is usually a keying error of the true date and still matches it
 * closely.
 */
public final class Standardiser {

	/** Longest accepted raw field. */
	public static final int MAX_FIELD_LENGTH = 1000;

	/**
	 * In lenient mode, dates of birth up to this many years in the future are kept as
	 * (unchecked) digits.
	 */
	public static final int FUTURE_YEARS_KEPT = 100;

	/**
	 * What to do with a date of birth that is in a date layout but is not a calendar
	 * date.
	 */
	public enum DateMode {

		/** Refuse it with an {@link InvalidFieldException}. */
		STRICT,
		/**
		 * Keep its digits as weaker evidence (no day/month swap detection); absurd text
		 * is still refused.
		 */
		LENIENT

	}

	private final DateMode dateMode;

	private final LocalDate today;

	private final Nicknames nicknames;

	/**
	 * @param dateMode how to treat impossible dates of birth
	 * @param today dates of birth after this are refused
	 */
	public Standardiser(DateMode dateMode, LocalDate today) {
		this.dateMode = dateMode;
		this.today = today;
		this.nicknames = Nicknames.standard();
	}

	/** The day after which dates of birth are in the future. */
	public LocalDate today() {
		return this.today;
	}

	/** A strict standardiser using today's date (UTC). */
	public static Standardiser strict() {
		return new Standardiser(DateMode.STRICT, LocalDate.now(ZoneOffset.UTC));
	}

	/** A lenient standardiser using today's date (UTC). */
	public static Standardiser lenient() {
		return new Standardiser(DateMode.LENIENT, LocalDate.now(ZoneOffset.UTC));
	}

	/**
	 * Standardises every field.
	 * @throws InvalidFieldException naming the first field that cannot be standardised
	 */
	public StandardisedPerson standardise(PersonRecord r) {
		check("given_name", r.givenName());
		check("family_name", r.familyName());
		check("date_of_birth", r.dateOfBirth());
		check("postcode", r.postcode());
		check("street_number", r.streetNumber());
		check("street", r.street());
		check("locality", r.locality());
		check("town", r.town());
		check("region", r.region());
		check("identifier", r.identifier());
		String given = Names.standardise(r.givenName());
		String canonical = this.nicknames.canonical(Names.firstToken(given));
		String family = Names.standardise(r.familyName());
		String dob = null;
		boolean checked = true;
		if (r.dateOfBirth() != null && !r.dateOfBirth().isBlank()) {
			try {
				dob = DateOfBirth.parse(r.dateOfBirth(), this.today).toDigits();
			}
			catch (InvalidFieldException ex) {
				dob = lenientDigits(r.dateOfBirth(), ex);
				checked = false;
			}
		}
		String streetNumber = Addresses.streetNumber(r.streetNumber());
		String street = Addresses.street(r.street());
		if (streetNumber == null && street != null && Character.isDigit(street.charAt(0))) {
			String[] split = Addresses.splitStreetNumber(r.street());
			streetNumber = split[0];
			street = split[1];
		}
		return new StandardisedPerson(r.id().strip(), given, canonical, family, dob, checked,
				Postcodes.normalise(r.postcode()), streetNumber, street, Addresses.locality(r.locality()),
				Addresses.locality(r.town()), Addresses.locality(r.region()), identifier(r.identifier()));
	}

	private String lenientDigits(String raw, InvalidFieldException cause) {
		if (!keepsAsDigits(raw)) {
			throw cause;
		}
		int[] f = DateOfBirth.fields(raw);
		return String.format(java.util.Locale.ROOT, "%04d%02d%02d", f[0], f[1], f[2]);
	}

	/**
	 * True when this standardiser keeps a date of birth that is not a valid past date as
	 * unchecked digits rather than refusing it: only in lenient mode, and only a keying
	 * error inside a plausible date (the year possible, month and day two digits).
	 */
	public boolean keepsAsDigits(String raw) {
		if (this.dateMode == DateMode.STRICT) {
			return false;
		}
		int[] f = DateOfBirth.fields(raw);
		return f != null && f[0] >= DateOfBirth.EARLIEST_YEAR && f[0] <= this.today.getYear() + FUTURE_YEARS_KEPT
				&& f[1] <= 99 && f[2] <= 99;
	}

	private static void check(String field, String value) {
		if (value != null && value.length() > MAX_FIELD_LENGTH) {
			throw new InvalidFieldException(field,
					"value is " + value.length() + " characters long (limit " + MAX_FIELD_LENGTH + ")");
		}
	}

	private static String identifier(String raw) {
		if (raw == null) {
			return null;
		}
		StringBuilder out = new StringBuilder(raw.length());
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			if (Character.isLetterOrDigit(c)) {
				out.append(Character.toUpperCase(c));
			}
		}
		return out.length() == 0 ? null : out.toString();
	}

}
