package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Purpose;

/**
 * Layer 1 of consent-decisions.md, the purpose rule (information governance, never
 * overridden): denies with {@code purpose-not-permitted} when the requester's
 * organisation type may not use the purpose; see {@link Purpose#isPermittedTo}.
 */
public final class PurposeRule implements DecisionRule {

	static final String NAME = "PurposeRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		if (request.purpose().isPermittedTo(request.requester().orgType())) {
			return null;
		}
		return new Decision(Reason.PURPOSE_NOT_PERMITTED, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
