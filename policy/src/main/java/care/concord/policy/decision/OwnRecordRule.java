package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;

/**
 * Layer 2 of consent-decisions.md, own record: an organisation reading data it holds
 * itself needs no consent, so the requester organisation equal to the holder is a permit
 * with {@code own-record}.
 */
public final class OwnRecordRule implements DecisionRule {

	static final String NAME = "OwnRecordRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		if (!request.requester().organisation().equals(request.holder())) {
			return null;
		}
		return new Decision(Reason.OWN_RECORD, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
