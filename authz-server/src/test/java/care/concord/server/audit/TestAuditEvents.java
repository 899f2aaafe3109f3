package care.concord.server.audit;

import java.util.List;

import care.concord.identity.nhs.NhsNumber;

/**
 * Audit event fixtures: adjustable builders with realistic values.
 */
final class TestAuditEvents {

	static final NhsNumber SUBJECT = NhsNumber.parse("9434765919");

	static final NhsNumber OTHER_SUBJECT = NhsNumber.parse("9434765870");

	private TestAuditEvents() {
	}

	/** A directive-deny decision by a GP practice's clinician about {@link #SUBJECT}. */
	static AuditEvent.Builder decision() {
		return AuditEvent
			.builder(AuditEventType.DECISION, AuditActor.client("A81001", "gp-app").withUsername("dr.jones"))
			.subject(SUBJECT)
			.holder("RRP")
			.category("mental-health")
			.purpose("direct-care")
			.role("clinician")
			.deny("directive-deny")
			.directive("d1")
			.explanation("Your directive d1 denies mental-health records to every organisation.")
			.requestId("req-1")
			.correlationId("corr-1")
			.detail("ticket", "t-123");
	}

	/** A break-glass permit in emergency care by an ambulance trust's paramedic. */
	static AuditEvent.Builder breakGlass() {
		return AuditEvent
			.builder(AuditEventType.DECISION, AuditActor.client("RX9", "ambulance-app").withUsername("para.smith"))
			.subject(OTHER_SUBJECT)
			.holder("A81001")
			.category("allergies")
			.purpose("emergency-care")
			.role("paramedic")
			.permit("break-glass")
			.obligations(List.of("review", "notify-subject"))
			.breakGlass("Unconscious patient, \"allergy\" check, A&E, line1\nline2")
			.explanation("Break glass in an emergency.");
	}

}
