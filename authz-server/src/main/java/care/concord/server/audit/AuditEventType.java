package care.concord.server.audit;

/**
 * The kind of thing an audit record reports; stored by its {@link #name() name}.
 */
public enum AuditEventType {

	/**
	 * A data-access decision (UMA ticket grant, AuthZEN decision, record-location query),
	 * permit or deny.
	 */
	DECISION,

	/**
	 * A request that could not be decided because it was invalid (consent-decisions.md:
	 * "an error").
	 */
	INVALID_REQUEST,

	/**
	 * A request refused before any decision, e.g. an unknown or disabled client, or a
	 * replayed token.
	 */
	REFUSED,

	/** A resource, client or agency registered, changed or removed. */
	REGISTRATION_CHANGE,

	/** An administrative action in the console or admin API. */
	ADMIN_ACTION,

	/** A consent directive or national opt-out created, changed or revoked. */
	CONSENT_CHANGE,

	/** An identity action: record linkage, merge, unmerge, NHS number verification. */
	IDENTITY_ACTION,

	/** The review of a break-glass access by an information governance officer. */
	BREAK_GLASS_REVIEW,

	/**
	 * Someone read or exported the audit log itself (who looked at the record of who
	 * looked).
	 */
	AUDIT_ACCESS,

	/**
	 * A sign-in (succeeded or failed), an account locked after repeated failures, or a
	 * client that failed to authenticate at the token, introspection or revocation
	 * endpoint (the first failure per client and minute).
	 */
	AUTHENTICATION

}
