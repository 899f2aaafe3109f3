package care.concord.server.uma;

import java.util.ArrayList;
import java.util.List;

/**
 * The requesting party's claims a client pushes with the UMA grant in its claim token:
 * why the practitioner asks ({@code purpose_of_use}, a consent-decisions.md purpose code,
 * with the HL7 PurposeOfUse codes TREAT, ETREAT, HRESCH and HOPERAT mapped to them), the
 * practitioner's role and identifier, and the break-glass reason if they broke glass.
 * Values are as given; the decision service validates them.
 *
 * @param purposeOfUse the purpose code, or null when not given
 * @param practitionerRole the role token, or null when not given
 * @param practitionerId the practitioner's identifier at the requesting agency, or null
 * @param breakGlassReason null, or the practitioner's reason for breaking glass
 * @param organisation the ODS code of the organisation a trusted identity provider says
 * the practitioner acts for (CIS2's selected role), or null when the client vouches for
 * the practitioner itself
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-grant-2.0.html#rfc.section.3.3.1">UMA
 * Grant section 3.3.1 (claim_token)</a>
 */
public record PractitionerClaims(String purposeOfUse, String practitionerRole, String practitionerId,
		String breakGlassReason, String organisation) {

	/** Claims the client asserts itself (its organisation is the requester's). */
	public PractitionerClaims(String purposeOfUse, String practitionerRole, String practitionerId,
			String breakGlassReason) {
		this(purposeOfUse, practitionerRole, practitionerId, breakGlassReason, null);
	}

	/** Claims of a request without a claim token. */
	public static final PractitionerClaims NONE = new PractitionerClaims(null, null, null, null);

	/**
	 * The names of the claims a decision needs and these claims lack
	 * ({@code purpose_of_use}, {@code practitioner_role}).
	 */
	public List<String> missingRequiredClaims() {
		List<String> missing = new ArrayList<>();
		if (this.purposeOfUse == null) {
			missing.add(ClaimTokenVerifier.PURPOSE_OF_USE);
		}
		if (this.practitionerRole == null) {
			missing.add(ClaimTokenVerifier.PRACTITIONER_ROLE);
		}
		return missing;
	}

	/**
	 * A practitioner identifier as it may be recorded as the one on whose behalf a client
	 * acts: the value, or null when it is absent, blank or longer than 255 characters.
	 */
	static String onBehalfOf(String practitionerId) {
		return (practitionerId != null && !practitionerId.isBlank() && practitionerId.length() <= 255) ? practitionerId
				: null;
	}

}
