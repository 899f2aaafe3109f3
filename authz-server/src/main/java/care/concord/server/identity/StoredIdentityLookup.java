package care.concord.server.identity;

import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.uma.IdentityLookup;

import org.springframework.stereotype.Component;

/**
 * The UMA feature's {@link IdentityLookup}, answered from the identity service's links:
 * an agency's local id resolves to the NHS number of the person it is linked to. A record
 * pending review, or linked to a person without a trusted NHS number, does not resolve.
 */
@Component
public class StoredIdentityLookup implements IdentityLookup {

	private final IdentityStore store;

	public StoredIdentityLookup(IdentityStore store) {
		this.store = store;
	}

	@Override
	public Optional<NhsNumber> nhsNumberForLocalId(String orgCode, String localId) {
		if (orgCode == null || localId == null || localId.length() > RecordSubmission.MAX_LOCAL_ID) {
			return Optional.empty();
		}
		return this.store.nhsNumberForLocalId(orgCode, localId);
	}

}
