package care.concord.server.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.InvalidRequestException;

/**
 * The nine query parameters of the audit search and export endpoints, bound once for all
 * three, and their translation into an {@link AuditQuery}, answering bad input with a
 * validation problem that names the parameter.
 *
 * <p>
 * {@code from} and {@code to} take an ISO-8601 instant or offset date-time
 * ({@code 2026-11-25T10:00:00Z}) or a date ({@code 2026-11-25}), read in UK time:
 * {@code from} a date means the start of that day, {@code to} a date the end of it, so
 * {@code from=2026-11-25&to=2026-11-25} is that whole day.
 */
public record AuditQueryParameters(String subject, String agency, String holder, String from, String to,
		String decision, String reason, String breakGlass, String eventType) {

	static final ZoneId UK = ZoneId.of("Europe/London");

	private static final Pattern ORGANISATION = Pattern.compile("[A-Za-z0-9-]{1,64}");

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

	/** The query these parameters ask for, validated. */
	AuditQuery toQuery() {
		return parse(this.subject, this.agency, this.holder, this.from, this.to, this.decision, this.reason,
				this.breakGlass, this.eventType);
	}

	static AuditQuery parse(String subject, String agency, String holder, String from, String to, String decision,
			String reason, String breakGlass, String eventType) {
		Instant start = time("from", from, false);
		Instant end = time("to", to, true);
		if (start != null && end != null && !start.isBefore(end)) {
			throw new InvalidRequestException("to", "must be after from");
		}
		return new AuditQuery(subject(subject), organisation("agency", agency), organisation("holder", holder), start,
				end, decision(decision), code("reason", reason), breakGlass(breakGlass), eventType(eventType));
	}

	private static NhsNumber subject(String value) {
		if (isAbsent(value)) {
			return null;
		}
		if (!NhsNumber.isValid(value)) {
			throw new InvalidRequestException("subject", "must be a valid NHS number (10 digits, Modulus 11)");
		}
		return NhsNumber.parse(value);
	}

	private static String organisation(String field, String value) {
		if (isAbsent(value)) {
			return null;
		}
		String code = value.strip();
		if (!ORGANISATION.matcher(code).matches()) {
			throw new InvalidRequestException(field, "must be an organisation code (letters, digits, dashes)");
		}
		return code;
	}

	private static String code(String field, String value) {
		if (isAbsent(value)) {
			return null;
		}
		String code = value.strip();
		if (!CODE.matcher(code).matches()) {
			throw new InvalidRequestException(field, "must be a reason code such as directive-deny");
		}
		return code;
	}

	private static AuditOutcome decision(String value) {
		if (isAbsent(value)) {
			return null;
		}
		try {
			return AuditOutcome.fromCode(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("decision", "must be one of permit, deny, error");
		}
	}

	private static Boolean breakGlass(String value) {
		if (isAbsent(value)) {
			return null;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> Boolean.TRUE;
			case "false" -> Boolean.FALSE;
			default -> throw new InvalidRequestException("breakGlass", "must be true or false");
		};
	}

	private static AuditEventType eventType(String value) {
		if (isAbsent(value)) {
			return null;
		}
		try {
			return AuditEventType.valueOf(value.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("eventType",
					"must be one of " + Arrays.toString(AuditEventType.values()));
		}
	}

	private static Instant time(String field, String value, boolean endOfDay) {
		if (isAbsent(value)) {
			return null;
		}
		String text = value.strip();
		try {
			if (text.length() == 10) {
				LocalDate date = LocalDate.parse(text);
				return (endOfDay ? date.plusDays(1) : date).atStartOfDay(UK).toInstant();
			}
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException(field,
					"must be an ISO-8601 date (2026-11-25) or date-time with offset (2026-11-25T10:00:00Z)");
		}
	}

	private static boolean isAbsent(String value) {
		return value == null || value.isBlank();
	}

}
