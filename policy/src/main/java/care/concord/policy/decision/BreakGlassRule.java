package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Purpose;

/**
 * Layer 3 of consent-decisions.md, break glass, applied only when a break-glass reason
 * was given (even blank): outside {@code emergency-care} it denies with
 * {@code break-glass-requires-emergency-purpose}; with a blank reason it denies with
 * {@code break-glass-reason-required}; otherwise it permits with {@code break-glass} and
 * the obligations {@code notify-subject} and {@code review}. It comes before citizen
 * directives, so it overrides a citizen's deny in an emergency.
 */
public final class BreakGlassRule implements DecisionRule {

	static final String NAME = "BreakGlassRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		String reason = request.breakGlassReason();
		if (reason == null) {
			return null;
		}
		if (request.purpose() != Purpose.EMERGENCY_CARE) {
			return new Decision(Reason.BREAK_GLASS_REQUIRES_EMERGENCY_PURPOSE, NAME, request, null);
		}
		// isBlank: "empty or white space" in the spec, including Unicode white space.
		if (reason.isBlank()) {
			return new Decision(Reason.BREAK_GLASS_REASON_REQUIRED, NAME, request, null);
		}
		return new Decision(Reason.BREAK_GLASS, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
