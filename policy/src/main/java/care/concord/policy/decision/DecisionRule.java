package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;

/**
 * One layer of the decision procedure of consent-decisions.md: it either decides the
 * request or passes it on to the next layer. The engine returns the first decision.
 */
public interface DecisionRule {

	/**
	 * Decides the request, or returns null when this layer does not decide it.
	 * @param citizen the subject, already checked to be the request's subject
	 * @param request a valid request
	 */
	Decision apply(Citizen citizen, AccessRequest request);

	/** The layer name recorded in decisions, the rule's simple class name. */
	default String name() {
		return getClass().getSimpleName();
	}

}
