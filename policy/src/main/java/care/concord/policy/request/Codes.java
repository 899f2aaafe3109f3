package care.concord.policy.request;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import care.concord.identity.nhs.NhsNumber;

/**
 * Validation of the free-text tokens of consent-decisions.md "Inputs": organisation
 * codes, role tokens ({@code [a-z-]{1,40}}), NHS numbers and ISO-8601 instants. Each
 * check names the field it failed on, so that the error an agency sees points at its own
 * input.
 */
public final class Codes {

	/**
	 * Longest organisation code accepted; ODS codes are 3 to 10 characters, so this
	 * leaves room for local codes.
	 */
	static final int MAX_ORGANISATION_LENGTH = 64;

	static final int MAX_ROLE_LENGTH = 40;

	private Codes() {
	}

	/**
	 * An organisation code (ODS code or local code): letters, digits, '.', '_' or '-',
	 * starting with a letter or digit, at most 64 characters. The spec leaves the form
	 * open; refusing white space and control characters keeps codes safe to log and to
	 * compare exactly.
	 */
	public static String organisation(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidRequestException(field, "organisation code is missing");
		}
		if (value.length() > MAX_ORGANISATION_LENGTH) {
			throw new InvalidRequestException(field,
					"organisation code is longer than " + MAX_ORGANISATION_LENGTH + " characters");
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			boolean alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
			if (!alnum && (i == 0 || (c != '-' && c != '_' && c != '.'))) {
				throw new InvalidRequestException(field, "organisation code '" + Printable.of(value)
						+ "' may contain only letters, digits, '.', '_' and '-', starting with a letter or digit");
			}
		}
		return value;
	}

	/** A role token of the spec: {@code [a-z-]{1,40}}. */
	public static String role(String field, String value) {
		if (value == null || value.isEmpty()) {
			throw new InvalidRequestException(field, "role is missing");
		}
		boolean ok = value.length() <= MAX_ROLE_LENGTH;
		for (int i = 0; ok && i < value.length(); i++) {
			char c = value.charAt(i);
			ok = (c >= 'a' && c <= 'z') || c == '-';
		}
		if (!ok) {
			throw new InvalidRequestException(field,
					"role '" + Printable.of(value) + "' must be 1 to 40 lower-case letters or '-'");
		}
		return value;
	}

	/** An NHS number (10 digits, or 3-3-4 with spaces or dashes) passing Modulus 11. */
	public static NhsNumber nhsNumber(String field, String value) {
		if (value == null) {
			throw new InvalidRequestException(field, "NHS number is missing");
		}
		try {
			return NhsNumber.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException(field, ex.getMessage(), ex);
		}
	}

	/** An ISO-8601 instant such as {@code 2026-11-25T10:00:00Z}. */
	public static Instant instant(String field, String value) {
		if (value == null) {
			throw new InvalidRequestException(field, "instant is missing");
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRequestException(field,
					"'" + Printable.of(value) + "' is not an ISO-8601 instant such as 2026-11-25T10:00:00Z", ex);
		}
	}

	/**
	 * A boolean written {@code true} or {@code false}; anything else is refused rather
	 * than read as false.
	 */
	public static boolean bool(String field, String value) {
		if ("true".equals(value)) {
			return true;
		}
		if ("false".equals(value)) {
			return false;
		}
		throw new InvalidRequestException(field,
				(value == null) ? "value is missing" : "'" + Printable.of(value) + "' is not true or false");
	}

	static <T> T required(String field, T value) {
		if (value == null) {
			throw new InvalidRequestException(field, "value is missing");
		}
		return value;
	}

}
