package care.concord.server.audit;

/**
 * The tamper-evident, append-only audit log: every record carries the hash of the one
 * before it, so a record changed, deleted or moved afterwards breaks the chain (see
 * {@link ChainVerifier}).
 *
 * <p>
 * <strong>Callers fail closed.</strong> Write the audit record <em>before</em> sending
 * the response, and when {@link #append(AuditEvent)} throws, do not grant access or
 * report success: answer with an error instead. An access that could not be audited must
 * not happen. The append commits in its own transaction, independent of any transaction
 * the caller has open, so the record survives a later rollback of the caller's work (and
 * a caller's rollback never removes a link from the chain).
 *
 * <pre>{@code
 * AuditRecord record = auditLog.append(AuditEvent.decision(AuditActor.client("A81001", "gp-app"), decision)
 *         .toBuilder().requestId(requestId).build());
 * }</pre>
 */
public interface AuditLog {

	/**
	 * Appends the event as the next record of the chain and returns the record as stored.
	 * @throws AuditLogException when the record could not be stored; the caller must then
	 * refuse the request
	 */
	AuditRecord append(AuditEvent event);

}
