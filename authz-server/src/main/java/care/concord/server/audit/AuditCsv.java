package care.concord.server.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

/**
 * Writes audit records as CSV (RFC 4180): a header line, one line per record, CRLF line
 * ends.
 *
 * <p>
 * A value is quoted when it contains a comma, a double quote, CR or LF, and double quotes
 * inside it are doubled. A value starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or CR is prefixed with an apostrophe, so that a spreadsheet opening the
 * export shows it as text rather than running it as a formula (OWASP "CSV injection"):
 * free text such as a break-glass reason comes from users. Such a value is therefore not
 * byte-for-byte the stored one; verify the chain with {@link ChainVerifier}, not from the
 * export.
 */
public final class AuditCsv {

	/** The column names, in order. */
	public static final List<String> HEADER = List.of("sequence", "recorded_at", "event_type", "actor_agency",
			"actor_client_id", "actor_username", "on_behalf_of", "subject_nhs_number", "holder", "category", "purpose",
			"role", "decision", "reason_code", "obligations", "break_glass", "break_glass_reason", "directive_id",
			"explanation", "request_id", "correlation_id", "details", "previous_hash", "hash");

	private static final String CRLF = "\r\n";

	private AuditCsv() {
	}

	/** Writes the header line. */
	public static void writeHeader(Writer out) throws IOException {
		writeLine(out, HEADER);
	}

	/** Writes one record as a line. */
	public static void writeRecord(Writer out, AuditRecord record) throws IOException {
		writeLine(out, Arrays.asList(Long.toString(record.sequence()),
				DateTimeFormatter.ISO_INSTANT.format(record.recordedAt()), record.eventType(), record.actorAgency(),
				record.actorClientId(), record.actorUsername(), record.onBehalfOf(), record.subjectNhsNumber(),
				record.holder(), record.category(), record.purpose(), record.role(), record.decision(),
				record.reasonCode(), String.join(" ", record.obligations()), Boolean.toString(record.breakGlass()),
				record.breakGlassReason(), record.directiveId(), record.explanation(), record.requestId(),
				record.correlationId(), record.details(), record.previousHash(), record.hash()));
	}

	/**
	 * One CSV field: empty for null, neutralised against formulas, quoted when needed.
	 */
	public static String field(String value) {
		if (value == null || value.isEmpty()) {
			return "";
		}
		String text = value;
		char first = text.charAt(0);
		if (first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r') {
			text = "'" + text;
		}
		boolean quote = false;
		for (int i = 0; i < text.length() && !quote; i++) {
			char c = text.charAt(i);
			quote = c == ',' || c == '"' || c == '\r' || c == '\n';
		}
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

	private static void writeLine(Writer out, List<String> values) throws IOException {
		for (int i = 0; i < values.size(); i++) {
			if (i > 0) {
				out.write(',');
			}
			out.write(field(values.get(i)));
		}
		out.write(CRLF);
	}

}
