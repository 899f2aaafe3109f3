package care.concord.server.decision;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;

/**
 * Where the {@link ConsentDecisionService} reads a citizen's current consent from: the
 * national data opt-out flag (consent-decisions.md layer 5) and the citizen's directives
 * (layer 4), active or revoked.
 *
 * <p>
 * Implemented by the consent feature (JPA over the directive tables). When that feature
 * is absent the server falls back to {@link NoDirectivesConsentSource}, under which every
 * citizen has no directives and has not opted out, so decisions follow the spec's purpose
 * defaults only.
 *
 * <p>
 * Implementations must answer the <em>current</em> state on every call (no caching beyond
 * a transaction): RPT introspection re-decides against it, so a change of consent takes
 * effect on every node at once.
 */
@FunctionalInterface
public interface CitizenConsentSource {

	/**
	 * The citizen's current consent.
	 * @param nhsNumber the citizen's NHS number
	 * @return the citizen with that NHS number, its opt-out flag and directives; a
	 * citizen Concord knows nothing about is {@code Citizen.of(nhsNumber, false)} (no
	 * directives), never null
	 */
	Citizen currentConsent(NhsNumber nhsNumber);

}
