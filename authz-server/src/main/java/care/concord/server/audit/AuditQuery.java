package care.concord.server.audit;

import java.time.Instant;

import care.concord.identity.nhs.NhsNumber;

/**
 * Filters over the audit log, as an information governance officer searches it; a null filter matches every
 * record. Time runs from {@code from} (inclusive) to {@code to} (exclusive).
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

	/** Every record about the given person. */
	public static AuditQuery aboutSubject(NhsNumber subject) {
		return new AuditQuery(subject, null, null, null, null, null, null, null, null);
	}

}
