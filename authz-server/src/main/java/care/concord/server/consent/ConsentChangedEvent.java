package care.concord.server.consent;

import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;

/**
 * Published (as a Spring application event) after a transaction that changed a citizen's
 * consent has committed: the citizen and their new consent version. Listeners holding
 * anything derived from the citizen's consent (decision caches, other nodes) drop what is
 * older than {@code version}.
 *
 * @param nhsNumber the citizen whose consent changed
 * @param version the citizen's consent version after the change (see
 * {@link ConsentStore#consentVersion})
 */
public record ConsentChangedEvent(NhsNumber nhsNumber, long version) {

	public ConsentChangedEvent {
		Objects.requireNonNull(nhsNumber, "nhsNumber");
		if (version < 1) {
			throw new IllegalArgumentException("version must be positive");
		}
	}

}
