package care.concord.identity.demographics;

import java.util.Map;

/**
 * Standardises address parts: the street (or house) number, the street, and localities
 * (district, town, county). Street-type abbreviations at the end of a street are expanded
 * ({@code High St} → {@code high street}) so that both spellings agree; {@code St}
 * elsewhere is left alone because it is usually "Saint".
 */
public final class Addresses {

	private static final Map<String, String> STREET_TYPES = Map.ofEntries(Map.entry("st", "street"),
			Map.entry("str", "street"), Map.entry("rd", "road"), Map.entry("ave", "avenue"), Map.entry("av", "avenue"),
			Map.entry("ln", "lane"), Map.entry("dr", "drive"), Map.entry("cres", "crescent"), Map.entry("cl", "close"),
			Map.entry("ct", "court"), Map.entry("pl", "place"), Map.entry("sq", "square"), Map.entry("tce", "terrace"),
			Map.entry("terr", "terrace"), Map.entry("gdns", "gardens"), Map.entry("pde", "parade"),
			Map.entry("hwy", "highway"), Map.entry("cct", "circuit"), Map.entry("gr", "grove"),
			Map.entry("gro", "grove"), Map.entry("wy", "way"), Map.entry("mws", "mews"), Map.entry("pk", "park"),
			Map.entry("blvd", "boulevard"));

	private Addresses() {
	}

	/**
	 * A house or street number as lower-case letters and digits ({@code 12A} →
	 * {@code 12a}, {@code 3-5} → {@code 3 5}), or {@code null} when blank.
	 */
	public static String streetNumber(String raw) {
		if (raw == null) {
			return null;
		}
		String s = Names.fold(raw);
		return s.isEmpty() ? null : s;
	}

	/**
	 * A street name with its trailing street type spelt out, or {@code null} when blank.
	 */
	public static String street(String raw) {
		if (raw == null) {
			return null;
		}
		String s = Names.fold(raw);
		if (s.isEmpty()) {
			return null;
		}
		int space = s.lastIndexOf(' ');
		if (space > 0) {
			String type = STREET_TYPES.get(s.substring(space + 1));
			if (type != null) {
				return s.substring(0, space + 1) + type;
			}
		}
		return s;
	}

	/**
	 * A locality, town or county name, standardised like a name, or {@code null} when
	 * blank.
	 */
	public static String locality(String raw) {
		if (raw == null) {
			return null;
		}
		String s = Names.fold(raw);
		return s.isEmpty() ? null : s;
	}

	/**
	 * Splits a leading house number off a one-line street address: {@code "12a High St"}
	 * → {@code ["12a",
	 * "high street"]}; the number is {@code null} when the line does not start with a
	 * digit.
	 */
	public static String[] splitStreetNumber(String raw) {
		String s = raw == null ? "" : Names.fold(raw);
		if (!s.isEmpty() && Character.isDigit(s.charAt(0))) {
			int space = s.indexOf(' ');
			if (space > 0) {
				return new String[] { s.substring(0, space), street(s.substring(space + 1)) };
			}
			return new String[] { s, null };
		}
		return new String[] { null, street(s) };
	}

}
