package care.concord.policy.decision;

import care.concord.policy.request.AccessRequest;

/**
 * An optional organisation policy applied after the seven layers of consent-decisions.md;
 * Concord's extension beyond the spec. It can only narrow: it is asked about permits of
 * the core engine and may turn one into a deny with reason {@code organisation-policy}. A
 * core deny is never shown to it, so it can never widen access or override a citizen's or
 * the law's refusal.
 *
 * <p>
 * Implementations must fail closed: when they cannot evaluate, they answer
 * {@link OrganisationVerdict#deny}. The engine also turns any exception thrown here into
 * a deny.
 */
@FunctionalInterface
public interface OrganisationPolicy {

	/** The layer name recorded in decisions this policy narrowed. */
	String LAYER = "OrganisationPolicy";

	/**
	 * Evaluates a permit of the core engine.
	 * @param request the request
	 * @param permit the core engine's permit (reason, obligations and deciding directive)
	 * @return allow to keep the permit, or deny with reasons to narrow it
	 */
	OrganisationVerdict evaluate(AccessRequest request, Decision permit);

}
