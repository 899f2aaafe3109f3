package care.concord.policy.decision;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;

/**
 * Layer 6 of consent-decisions.md: an explicit-consent category ({@code mental-health},
 * {@code sexual-health}, {@code substance-misuse}, {@code genomic}, {@code wearable})
 * that no directive permitted is a deny with {@code explicit-consent-required}; see
 * {@link care.concord.policy.request.Category#requiresExplicitConsent}.
 */
public final class ExplicitConsentRule implements DecisionRule {

	static final String NAME = "ExplicitConsentRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		if (!request.category().requiresExplicitConsent()) {
			return null;
		}
		return new Decision(Reason.EXPLICIT_CONSENT_REQUIRED, NAME, request, null);
	}

	@Override
	public String name() {
		return NAME;
	}

}
