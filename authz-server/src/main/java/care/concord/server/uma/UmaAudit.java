package care.concord.server.uma;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;
import care.concord.server.audit.AuditRecord;

import org.springframework.util.Assert;

/**
 * The audit records of the UMA protection API: resource registration changes and
 * permission registrations ({@code REGISTRATION_CHANGE}), and refused protection API
 * requests ({@code INVALID_REQUEST} for malformed ones, {@code REFUSED} for well-formed
 * requests about resources the caller may not see). Consent decisions of the UMA grant
 * are audited by the decision service.
 */
public final class UmaAudit {

	private final AuditLog auditLog;

	public UmaAudit(AuditLog auditLog) {
		Assert.notNull(auditLog, "auditLog cannot be null");
		this.auditLog = auditLog;
	}

	/**
	 * A resource registered, updated or deleted ({@code resource-registered} and so on).
	 */
	public AuditRecord registration(AuditActor actor, ResourceSet resource, String code, String requestId) {
		return this.auditLog.append(AuditEvent.builder(AuditEventType.REGISTRATION_CHANGE, actor)
			.subject(resource.subject())
			.holder(resource.holder())
			.category(resource.category().code())
			.outcome(AuditOutcome.PERMIT, code)
			.explanation(resource.holder() + " " + code.replace("resource-", "").replace('-', ' ')
					+ " a pointer to the citizen's " + resource.category().label() + " records.")
			.requestId(requestId)
			.detail("resource_id", resource.id())
			.build());
	}

	/** A permission ticket issued for permissions on the caller's resources. */
	public AuditRecord permissionRegistered(AuditActor actor, PermissionTicket ticket, String ticketReference,
			String requestId) {
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.REGISTRATION_CHANGE, actor)
			.holder(ticket.resourceServer())
			.outcome(AuditOutcome.PERMIT, "permission-registered")
			.explanation(ticket.resourceServer() + " requested a permission ticket for " + ticket.permissions().size()
					+ " resource(s).")
			.requestId(requestId)
			.correlationId(ticketReference)
			.detail("resource_ids",
					String.join(" ", ticket.permissions().stream().map(UmaPermission::resourceId).toList()));
		return this.auditLog.append(event.build());
	}

	/** A protection API request refused with a UMA error. */
	public AuditRecord refused(AuditActor actor, UmaError error, String description, String requestId) {
		AuditEventType type = (error == UmaError.INVALID_REQUEST) ? AuditEventType.INVALID_REQUEST
				: AuditEventType.REFUSED;
		return this.auditLog.append(AuditEvent.builder(type, actor)
			.error(error.code().replace('_', '-'))
			.explanation("Refused: " + description)
			.requestId(requestId)
			.build());
	}

}
