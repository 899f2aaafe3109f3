package care.concord.server.decision;

import care.concord.policy.decision.Decision;

import org.springframework.util.Assert;

/**
 * A consent decision that has been written to the audit log: the engine's
 * {@link Decision} (effect, reason, obligations, deciding directive, explanation) and the
 * sequence number of its audit record, which adapters hand back to the caller (AuthZEN
 * {@code context.audit_id}) so that an access can be traced to its record.
 *
 * @param decision the decision
 * @param auditSequence the audit record's sequence number, positive
 */
public record AuditedDecision(Decision decision, long auditSequence) {

	public AuditedDecision {
		Assert.notNull(decision, "decision cannot be null");
		Assert.isTrue(auditSequence > 0, "auditSequence must be positive");
	}

	/** True for a permit. */
	public boolean isPermit() {
		return this.decision.isPermit();
	}

}
