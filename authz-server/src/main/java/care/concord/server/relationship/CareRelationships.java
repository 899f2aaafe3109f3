package care.concord.server.relationship;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;

/**
 * The legitimate care relationships Concord knows between organisations and citizens: the
 * {@code relationship} input of consent-decisions.md ("the service knows a legitimate
 * care relationship between requester organisation and subject"), which layer 7 needs to
 * permit direct or emergency care under implied consent.
 *
 * <p>
 * An organisation has a care relationship with a citizen when it holds a registered UMA
 * resource about the citizen (it keeps their record), or when it has declared one through
 * {@code POST /api/relationships} (a GP registration, a referral, an admission) and not
 * ended it since.
 */
public interface CareRelationships {

	/**
	 * True when the organisation holds a registered resource about the subject or has a
	 * declared relationship.
	 */
	boolean exists(String organisation, NhsNumber subject);

	/**
	 * Declares (or re-declares) a care relationship of the organisation with the subject,
	 * and audits it.
	 * @param actor who declares it, for the audit record
	 * @return true when the relationship is new, false when it was already declared
	 */
	boolean declare(AuditActor actor, String organisation, NhsNumber subject);

	/**
	 * Ends a declared care relationship, and audits it. A relationship that follows from
	 * a registered resource ends only when the resource is deleted.
	 * @return true when a declared relationship was ended, false when there was none
	 */
	boolean end(AuditActor actor, String organisation, NhsNumber subject);

}
