package care.concord.server.uma;

import java.util.Optional;

import care.concord.identity.nhs.NhsNumber;

/**
 * Resolves an organisation's local patient identifier (a hospital number, a local
 * authority client id) to the citizen's NHS number, so that a resource server may
 * register a resource with {@code subject_local_id} instead of {@code subject}.
 * Implemented by the identity feature (record linkage); without it no local id resolves
 * and such registrations are refused with {@code invalid_request}.
 */
@FunctionalInterface
public interface IdentityLookup {

	/**
	 * The NHS number linked to the organisation's local identifier.
	 * @param orgCode the organisation that issued the local identifier (the resource
	 * server's {@code org_code})
	 * @param localId the local identifier
	 * @return the NHS number, or empty when the identifier is not linked to one
	 */
	Optional<NhsNumber> nhsNumberForLocalId(String orgCode, String localId);

}
