package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;

/**
 * Layer 7 of consent-decisions.md, purpose defaults, which always decides: direct or
 * emergency care is a permit ({@code implied-consent}) with a known care relationship and
 * a deny ({@code no-legitimate-relationship}) without; research is a deny
 * ({@code explicit-consent-required}); planning is a permit ({@code opt-out-model}) with
 * the obligation {@code deidentify}.
 */
public final class PurposeDefaultRule implements DecisionRule {

	static final String NAME = "PurposeDefaultRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		Reason reason = switch (request.purpose()) {
			case DIRECT_CARE, EMERGENCY_CARE ->
				request.relationship() ? Reason.IMPLIED_CONSENT : Reason.NO_LEGITIMATE_RELATIONSHIP;
			case RESEARCH -> Reason.EXPLICIT_CONSENT_REQUIRED;
			case PLANNING -> Reason.OPT_OUT_MODEL;
		};
		return new Decision(reason, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
