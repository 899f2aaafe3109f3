package care.concord.identity.matching.blocking;

import care.concord.identity.demographics.Names;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.phonetic.Nysiis;
import care.concord.identity.matching.phonetic.Soundex;

/**
 * One blocking pass: a pure function from a standardised record to a key. Two records are
 * compared only when they share a key in at least one pass, so each pass must tolerate
 * the errors the others do not.
 *
 * <p>
 * Keys depend on nothing but the record, so the server can store them in an indexed
 * column and find candidates with {@code WHERE key IN (...)}. The code prefix keeps keys
 * of different passes apart in one column.
 */
public enum BlockingRule {

	/**
	 * Soundex of the family name and birth year: survives spelling errors in the name and
	 * in the date.
	 */
	FAMILY_SOUNDEX_BIRTH_YEAR("fy") {
		@Override
		String value(StandardisedPerson p) {
			return join(Soundex.encode(p.familyName()), p.birthYear());
		}
	},
	/**
	 * Soundex of the formal given name and birth year: survives a changed family name
	 * (marriage).
	 */
	GIVEN_SOUNDEX_BIRTH_YEAR("gy") {
		@Override
		String value(StandardisedPerson p) {
			return join(Soundex.encode(p.givenCanonical()), p.birthYear());
		}
	},
	/**
	 * First two letters of the formal given name and the postcode: survives date and
	 * family-name errors.
	 */
	GIVEN_PREFIX_POSTCODE("gp") {
		@Override
		String value(StandardisedPerson p) {
			String g = p.givenCanonical();
			return (g == null || p.postcode() == null) ? null
					: join(g.substring(0, Math.min(2, g.length())), compact(p.postcode()));
		}
	},
	/**
	 * Date of birth with day and month in sorted order, so a day/month swap lands in the
	 * same block.
	 */
	DATE_OF_BIRTH("db") {
		@Override
		String value(StandardisedPerson p) {
			String d = p.dateOfBirth();
			if (d == null) {
				return null;
			}
			String mm = d.substring(4, 6);
			String dd = d.substring(6, 8);
			return d.substring(0, 4) + (mm.compareTo(dd) <= 0 ? mm + dd : dd + mm);
		}
	},
	/** Postcode and house number: the same address, whatever the names and dates say. */
	POSTCODE_STREET_NUMBER("pn") {
		@Override
		String value(StandardisedPerson p) {
			return (p.postcode() == null) ? null : join(compact(p.postcode()), p.streetNumber());
		}
	},
	/**
	 * NYSIIS codes of given and family name in sorted order: survives swapped names and a
	 * wrong date.
	 */
	NAMES_PHONETIC("nn") {
		@Override
		String value(StandardisedPerson p) {
			String g = Nysiis.encode(p.givenCanonical());
			String f = Nysiis.encode(Names.firstToken(p.familyName()));
			if (g == null || f == null) {
				return null;
			}
			return (g.compareTo(f) <= 0) ? g + "|" + f : f + "|" + g;
		}
	},
	/**
	 * House number and the start of the street: survives errors in postcode, names and
	 * date together.
	 */
	STREET_NUMBER_STREET("ns") {
		@Override
		String value(StandardisedPerson p) {
			return join(p.streetNumber(), prefix(p.street(), 6));
		}
	},
	/**
	 * Start of family name and of street: survives a wrong house number with a wrong
	 * postcode. Three letters of the family name, because street names repeat across a
	 * country and two letters made blocks of hundreds.
	 */
	FAMILY_STREET("fs") {
		@Override
		String value(StandardisedPerson p) {
			return join(prefix(p.familyName(), 3), prefix(p.street(), 6));
		}
	},
	/**
	 * The shared identifier (NHS number), used only when identifiers are allowed as
	 * evidence.
	 */
	IDENTIFIER("id") {
		@Override
		String value(StandardisedPerson p) {
			return p.identifier();
		}
	};

	private final String code;

	BlockingRule(String code) {
		this.code = code;
	}

	/** The short code prefixed to this pass's keys. */
	public String code() {
		return this.code;
	}

	/**
	 * The pass-specific part of the key, or {@code null} when the record lacks the
	 * fields.
	 */
	abstract String value(StandardisedPerson p);

	/**
	 * The full key ({@code code:value}), or {@code null} when the record lacks the fields
	 * this pass needs.
	 */
	public String key(StandardisedPerson p) {
		String v = value(p);
		return (v == null) ? null : this.code + ":" + v;
	}

	private static String join(String a, String b) {
		return (a == null || b == null) ? null : a + "|" + b;
	}

	private static String prefix(String s, int n) {
		if (s == null) {
			return null;
		}
		String c = s.replace(" ", "");
		return c.length() <= n ? c : c.substring(0, n);
	}

	private static String compact(String postcode) {
		int space = postcode.indexOf(' ');
		return space < 0 ? postcode : postcode.substring(0, space) + postcode.substring(space + 1);
	}

}
