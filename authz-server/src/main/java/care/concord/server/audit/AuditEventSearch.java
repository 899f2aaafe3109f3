package care.concord.server.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.fhir.FhirSearchParameters;

/**
 * A FHIR search of AuditEvents ({@code GET /fhir/AuditEvent?...}) read into an
 * {@link AuditQuery}, a page size and a position, strictly (unknown parameters are
 * refused, {@link FhirSearchParameters}):
 * <ul>
 * <li>{@code patient:identifier} (or {@code patient.identifier}):
 * {@code https://fhir.nhs.uk/Id/nhs-number|<nhs>}, the records about that person;</li>
 * <li>{@code date}, repeatable, with prefix {@code eq} (the default), {@code ge},
 * {@code gt}, {@code le} or {@code lt} and a date ({@code 2026}, {@code 2026-11},
 * {@code 2026-11-25}, read in UK time as the audit API reads dates) or a date-time with
 * offset ({@code 2026-11-25T10:00:00Z}); each value stands for the whole period of its
 * precision, as FHIR says;</li>
 * <li>{@code type}: an audit event type
 * ({@code [https://concord.care/fhir/CodeSystem/audit-event-type|]DECISION});</li>
 * <li>{@code subtype}: a reason code
 * ({@code [https://concord.care/fhir/CodeSystem/decision-reason|]directive-deny});</li>
 * <li>{@code _count}: the page size, default {@value AuditSearch#DEFAULT_PAGE_SIZE}, cut
 * to {@value AuditSearch#MAX_PAGE_SIZE};</li>
 * <li>{@code _sort}: {@code -date} (newest first, the default) or {@code date} (oldest
 * first), in the order the log recorded them;</li>
 * <li>{@code _total}: {@code accurate} or {@code estimate} (the default: the exact count)
 * or {@code none} (no count, one query fewer);</li>
 * <li>{@code _cursor}: where a page starts, as the {@code next} link of the previous page
 * gives it.</li>
 * </ul>
 *
 * @param query the records asked for
 * @param count the page size
 * @param position the page holds records with sequence numbers below this, or above it
 * when oldest first (the first page: {@link Long#MAX_VALUE}, or 0)
 * @param oldestFirst whether the records are sorted oldest first ({@code _sort=date})
 * @param counted whether the Bundle carries the total ({@code _total} not {@code none})
 * @param upTo the newest sequence number the search sees, or null on the first page (then
 * the search's own access record fixes it)
 */
record AuditEventSearch(AuditQuery query, int count, long position, Long upTo, boolean oldestFirst, boolean counted) {

	/** The parameters the search supports, besides {@code _format}. */
	static final Set<String> PARAMETERS = Set.of("patient:identifier", "patient.identifier", "date", "type", "subtype",
			"_count", "_cursor", "_sort", "_total");

	private static final Pattern DATE = Pattern.compile("(eq|ne|gt|lt|ge|le|sa|eb|ap)?(.+)");

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9-]{0,79}");

	private static final Pattern CURSOR = Pattern.compile("([0-9]{1,18})\\.([0-9]{1,18})");

	/**
	 * The search the request's parameters ask for.
	 * @throws InvalidRequestException (400) naming the parameter that is unknown or not
	 * valid
	 */
	static AuditEventSearch read(Map<String, String[]> parameters) {
		FhirSearchParameters search = FhirSearchParameters.read("AuditEvent", parameters, PARAMETERS);
		NhsNumber subject = subject(search.single("patient:identifier", "patient.identifier"));
		Instant from = null;
		Instant to = null;
		for (String value : search.all("date")) {
			Instant[] range = range(value);
			if (range[0] != null && (from == null || range[0].isAfter(from))) {
				from = range[0];
			}
			if (range[1] != null && (to == null || range[1].isBefore(to))) {
				to = range[1];
			}
		}
		if (from != null && to != null && !from.isBefore(to)) {
			throw new InvalidRequestException("date", "the dates leave no time between them");
		}
		AuditEventType type = type(search.single("type"));
		String reason = subtype(search.single("subtype"));
		int count = search.count(AuditSearch.DEFAULT_PAGE_SIZE, AuditSearch.MAX_PAGE_SIZE);
		boolean oldestFirst = oldestFirst(search.single("_sort"));
		boolean counted = counted(search.single("_total"));
		long position = oldestFirst ? 0 : Long.MAX_VALUE;
		Long upTo = null;
		String cursor = search.single("_cursor");
		if (cursor != null) {
			Matcher cursorPosition = CURSOR.matcher(cursor);
			if (!cursorPosition.matches()) {
				throw new InvalidRequestException("_cursor", "is not a position this server gave (use the next link)");
			}
			position = Long.parseLong(cursorPosition.group(1));
			upTo = Long.parseLong(cursorPosition.group(2));
		}
		return new AuditEventSearch(new AuditQuery(subject, null, null, from, to, null, reason, null, type), count,
				position, upTo, oldestFirst, counted);
	}

	private static boolean oldestFirst(String sort) {
		if (sort == null || sort.equals("-date")) {
			return false;
		}
		if (sort.equals("date")) {
			return true;
		}
		throw new InvalidRequestException("_sort", "must be -date (newest first) or date (oldest first)");
	}

	private static boolean counted(String total) {
		if (total == null || total.equals("accurate") || total.equals("estimate")) {
			return true;
		}
		if (total.equals("none")) {
			return false;
		}
		throw new InvalidRequestException("_total", "must be none, estimate or accurate");
	}

	/**
	 * The {@code _cursor} of the page after one that ended with record {@code last} (and
	 * of a page that starts at {@code position}).
	 */
	static String cursor(long last, long upTo) {
		return last + "." + upTo;
	}

	/**
	 * The search's parameters, name and value (without {@code _cursor}), to build the
	 * paging links from: one normal form whatever alias, order or date precision the
	 * client used.
	 */
	List<Map.Entry<String, String>> parameters() {
		List<Map.Entry<String, String>> parameters = new ArrayList<>();
		if (this.query.subject() != null) {
			parameters.add(Map.entry("patient:identifier",
					AuditFhirMapper.NHS_NUMBER_SYSTEM + "|" + this.query.subject().value()));
		}
		if (this.query.from() != null) {
			parameters.add(Map.entry("date", "ge" + this.query.from()));
		}
		if (this.query.to() != null) {
			parameters.add(Map.entry("date", "lt" + this.query.to()));
		}
		if (this.query.eventType() != null) {
			parameters.add(Map.entry("type", AuditFhirMapper.EVENT_TYPE_SYSTEM + "|" + this.query.eventType().name()));
		}
		if (this.query.reason() != null) {
			parameters.add(Map.entry("subtype", AuditFhirMapper.REASON_SYSTEM + "|" + this.query.reason()));
		}
		parameters.add(Map.entry("_count", Integer.toString(this.count)));
		if (this.oldestFirst) {
			parameters.add(Map.entry("_sort", "date"));
		}
		if (!this.counted) {
			parameters.add(Map.entry("_total", "none"));
		}
		return parameters;
	}

	private static NhsNumber subject(String value) {
		if (value == null) {
			return null;
		}
		String nhs = FhirSearchParameters.token("patient:identifier", value, AuditFhirMapper.NHS_NUMBER_SYSTEM);
		if (!NhsNumber.isValid(nhs)) {
			throw new InvalidRequestException("patient:identifier",
					"must be " + AuditFhirMapper.NHS_NUMBER_SYSTEM + "|<a valid NHS number (10 digits, Modulus 11)>");
		}
		return NhsNumber.parse(nhs);
	}

	private static AuditEventType type(String value) {
		if (value == null) {
			return null;
		}
		String code = FhirSearchParameters.token("type", value, AuditFhirMapper.EVENT_TYPE_SYSTEM);
		try {
			return AuditEventType.valueOf(code.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidRequestException("type", "must be one of " + Arrays.toString(AuditEventType.values()));
		}
	}

	private static String subtype(String value) {
		if (value == null) {
			return null;
		}
		String code = FhirSearchParameters.token("subtype", value, AuditFhirMapper.REASON_SYSTEM);
		if (!CODE.matcher(code).matches()) {
			throw new InvalidRequestException("subtype", "must be a reason code such as directive-deny");
		}
		return code;
	}

	/**
	 * The instants a {@code date} value admits: {@code [from, to)}, either end null when
	 * open.
	 */
	private static Instant[] range(String value) {
		Matcher date = DATE.matcher(value);
		date.matches();
		String prefix = (date.group(1) != null) ? date.group(1) : "eq";
		Instant[] period = period(date.group(2));
		return switch (prefix) {
			case "eq" -> period;
			case "ge" -> new Instant[] { period[0], null };
			case "gt" -> new Instant[] { period[1], null };
			case "lt" -> new Instant[] { null, period[0] };
			case "le" -> new Instant[] { null, period[1] };
			default -> throw new InvalidRequestException("date",
					"prefix " + prefix + " is not supported (eq, ge, gt, le, lt are)");
		};
	}

	/** The period a date or date-time stands for, {@code [start, end)}. */
	private static Instant[] period(String text) {
		Instant[] period = parsePeriod(text);
		if (period[0].isBefore(EARLIEST) || period[1].isAfter(LATEST)) {
			throw new InvalidRequestException("date", "must be between the years 1000 and 9998");
		}
		return period;
	}

	private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

	private static Instant[] parsePeriod(String text) {
		try {
			if (text.length() == 4 && text.chars().allMatch(Character::isDigit)) {
				LocalDate year = LocalDate.of(Integer.parseInt(text), 1, 1);
				return new Instant[] { start(year), start(year.plusYears(1)) };
			}
			if (text.length() == 7) {
				LocalDate month = YearMonth.parse(text).atDay(1);
				return new Instant[] { start(month), start(month.plusMonths(1)) };
			}
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				return new Instant[] { start(day), start(day.plusDays(1)) };
			}
			OffsetDateTime time = OffsetDateTime.parse(text);
			// the precision given: to the second, or to the minute
			ChronoUnit unit = text.matches(".*T\\d\\d:\\d\\d([Z+-].*)?") ? ChronoUnit.MINUTES : ChronoUnit.SECONDS;
			Instant instant = time.toInstant();
			return new Instant[] { instant, instant.plus(1, (time.getNano() != 0) ? ChronoUnit.MICROS : unit) };
		}
		catch (DateTimeException ex) {
			throw new InvalidRequestException("date", "must be a date (2026-11-25, 2026-11, 2026) or a date-time with "
					+ "offset (2026-11-25T10:00:00Z), after an optional prefix eq, ge, gt, le or lt");
		}
	}

	private static Instant start(LocalDate day) {
		return day.atStartOfDay(AuditQueryParameters.UK).toInstant();
	}

}
