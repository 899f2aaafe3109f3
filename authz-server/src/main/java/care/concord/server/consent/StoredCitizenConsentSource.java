package care.concord.server.consent;

import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.server.decision.CitizenConsentSource;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@link CitizenConsentSource} of the consent feature: reads the citizen's national
 * data opt-out and active directives from the database on every call, in one read-only
 * transaction, with no cache, so that every decision (and every RPT introspection) sees a
 * change as soon as it commits, on every node.
 */
public final class StoredCitizenConsentSource implements CitizenConsentSource {

	private final ConsentStore store;

	private final TransactionTemplate readOnly;

	/**
	 * @param store the consent store
	 * @param readOnly a read-only transaction template, so that opt-out and directives
	 * are read together
	 */
	public StoredCitizenConsentSource(ConsentStore store, TransactionTemplate readOnly) {
		this.store = Objects.requireNonNull(store, "store");
		this.readOnly = Objects.requireNonNull(readOnly, "readOnly");
	}

	@Override
	public Citizen currentConsent(NhsNumber nhsNumber) {
		Objects.requireNonNull(nhsNumber, "nhsNumber");
		return Objects.requireNonNull(this.readOnly.execute((tx) -> this.store.state(nhsNumber).toCitizen()));
	}

}
