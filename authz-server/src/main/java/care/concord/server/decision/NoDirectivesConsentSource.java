package care.concord.server.decision;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;

import org.springframework.util.Assert;

/**
 * The {@link CitizenConsentSource} used when the consent feature is not deployed: no
 * citizen has directives or a national opt-out, so decisions follow the purpose rule, own
 * record, break glass, explicit-consent categories and the purpose defaults of
 * consent-decisions.md (layers 1-3, 6, 7). It is registered only when no other
 * {@link CitizenConsentSource} bean exists; it is the production default of a deployment
 * without consent management, not a test stub.
 */
public final class NoDirectivesConsentSource implements CitizenConsentSource {

	@Override
	public Citizen currentConsent(NhsNumber nhsNumber) {
		Assert.notNull(nhsNumber, "nhsNumber cannot be null");
		return Citizen.of(nhsNumber, false);
	}

}
