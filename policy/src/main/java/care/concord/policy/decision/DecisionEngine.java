package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.InvalidRequestException;

/**
 * Decides whether a request may access a citizen's data, following consent-decisions.md.
 * Every data-access decision of the service (UMA ticket grant, decision API,
 * record-location query) goes through one.
 */
public interface DecisionEngine {

	/**
	 * Decides a request about a citizen.
	 * @return the decision; a deny is a decision, not an exception
	 * @throws InvalidRequestException when the request is invalid, including a subject
	 * that is not the citizen
	 */
	Decision decide(Citizen citizen, AccessRequest request);

}
