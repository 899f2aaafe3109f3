package care.concord.server.decision;

import care.concord.policy.decision.Decision;
import care.concord.policy.request.InvalidRequestException;

/**
 * The one place Concord takes a data-access decision (UMA ticket grant, RPT
 * introspection, AuthZEN evaluation, record location). For each query it validates the
 * request, loads the citizen's current consent from the {@link CitizenConsentSource},
 * works out the care relationship with
 * {@link care.concord.server.relationship.CareRelationships} unless the query states it,
 * runs the consent decision engine of consent-decisions.md, and writes the audit record
 * <em>before</em> returning.
 *
 * <p>
 * <strong>Fail closed.</strong> When the audit record cannot be written, {@link #decide}
 * throws {@link DecisionNotAuditedException} instead of returning, whatever the engine
 * decided: the caller answers with an error and grants nothing.
 *
 * @see <a href="https://openid.net/specs/authorization-api-1_0.html">OpenID AuthZEN
 * Authorization API 1.0</a>
 */
public interface ConsentDecisionService {

	/**
	 * Decides a query as an access and audits it ({@code DECISION} event, permit or
	 * deny).
	 * @return the decision with the sequence number of its audit record
	 * @throws InvalidRequestException when the query is invalid (unknown vocabulary, bad
	 * NHS number, missing field); the error has been audited ({@code INVALID_REQUEST}
	 * event) before it is thrown
	 * @throws DecisionNotAuditedException when the decision (or the error) could not be
	 * audited; refuse the request
	 */
	AuditedDecision decide(DecisionQuery query);

	/**
	 * Decides a hypothetical query for the citizen console ("would an A&amp;E clinician
	 * see my medications now?") without counting as an access: nothing is disclosed and
	 * no audit record is written (see docs/uma.md, "Previews"). The requester's
	 * organisation and the holder may be left null, standing for "an unnamed
	 * organisation" (so directives naming organisations do not match); with no requester
	 * organisation and no stated relationship, a care relationship is assumed (the
	 * question is about a clinician treating the citizen).
	 * @throws InvalidRequestException when the query is invalid
	 */
	Decision preview(DecisionQuery query);

	/**
	 * Audits a request that an adapter found invalid before it could be put as a query (a
	 * malformed body, a missing member, a requester that is not the caller) as an error,
	 * the same way {@link #decide} audits invalid queries, and returns the error for the
	 * adapter to throw.
	 * @param query what is known of the request (at least the actor)
	 * @param error what is wrong with it
	 * @return {@code error}
	 * @throws DecisionNotAuditedException when the error could not be audited
	 */
	InvalidRequestException invalid(DecisionQuery query, InvalidRequestException error);

}
