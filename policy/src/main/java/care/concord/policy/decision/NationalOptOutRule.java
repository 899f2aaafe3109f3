package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Purpose;

/**
 * Layer 5 of consent-decisions.md, the national data opt-out: for purpose
 * {@code research} or {@code planning}, a citizen who opted out is a deny with
 * {@code national-data-opt-out}. It comes after directives, so a citizen's explicit
 * research consent (a permit directive) still wins.
 */
public final class NationalOptOutRule implements DecisionRule {

	static final String NAME = "NationalOptOutRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		Purpose purpose = request.purpose();
		if (!citizen.nationalOptOut() || (purpose != Purpose.RESEARCH && purpose != Purpose.PLANNING)) {
			return null;
		}
		return new Decision(Reason.NATIONAL_DATA_OPT_OUT, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
