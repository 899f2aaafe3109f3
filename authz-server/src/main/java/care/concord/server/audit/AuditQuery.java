package care.concord.server.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import care.concord.identity.nhs.NhsNumber;

/**
 * Filters over the audit log, as an information governance officer searches it; a null
 * filter matches every record. Time runs from {@code from} (inclusive) to {@code to}
 * (exclusive).
 *
 * @param subject records about this person
 * @param agency records of requests by this agency (the actor's organisation code)
 * @param holder records about data held by this agency
 * @param from records appended at or after this instant
 * @param to records appended before this instant
 * @param decision records with this outcome
 * @param reason records with this reason code
 * @param breakGlass records with (true) or without (false) break glass
 * @param eventType records of this type
 */
public record AuditQuery(NhsNumber subject, String agency, String holder, Instant from, Instant to,
		AuditOutcome decision, String reason, Boolean breakGlass, AuditEventType eventType) {

	/** Matches every record. */
	public static final AuditQuery ALL = new AuditQuery(null, null, null, null, null, null, null, null, null);

	public AuditQuery {
		if (from != null && to != null && !from.isBefore(to)) {
			throw new IllegalArgumentException("from must be before to");
		}
	}

	/**
	 * The filters that are set, by their query parameter names, as text
	 * ({@code from}/{@code to} as ISO-8601 instants): what an access to the log is
	 * audited with.
	 */
	public Map<String, String> toParameters() {
		Map<String, String> parameters = new LinkedHashMap<>();
		put(parameters, "subject", this.subject);
		put(parameters, "agency", this.agency);
		put(parameters, "holder", this.holder);
		put(parameters, "from", this.from);
		put(parameters, "to", this.to);
		put(parameters, "decision", this.decision);
		put(parameters, "reason", this.reason);
		put(parameters, "breakGlass", this.breakGlass);
		put(parameters, "eventType", this.eventType);
		return parameters;
	}

	private static void put(Map<String, String> parameters, String name, Object value) {
		if (value != null) {
			parameters.put(name, value.toString());
		}
	}

	/** Every record about the given person. */
	public static AuditQuery aboutSubject(NhsNumber subject) {
		return new AuditQuery(subject, null, null, null, null, null, null, null, null);
	}

}
