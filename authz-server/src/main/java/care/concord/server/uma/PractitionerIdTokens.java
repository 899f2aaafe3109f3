package care.concord.server.uma;

/**
 * Verifies a practitioner's ID token from a trusted staff identity provider (NHS CIS2),
 * pushed as a UMA claim token of format {@value ClaimTokenVerifier#CIS2_ID_TOKEN}, so
 * that the practitioner's identity, role and organisation come from that provider rather
 * than from the agency's own assertion. Implemented by the federation feature.
 */
public interface PractitionerIdTokens {

	/**
	 * Verifies the ID token: signature by the issuer's published keys, a trusted
	 * {@code iss}, an accepted {@code aud}, {@code exp}; then reads the selected role.
	 * @throws org.springframework.security.oauth2.core.OAuth2AuthenticationException
	 * {@code invalid_grant} when it does not verify or its role is not recognised,
	 * {@code invalid_request} when it is not a JWT
	 */
	PractitionerIdentity verify(String idToken);

	/**
	 * A practitioner as the provider vouches for them.
	 *
	 * @param userId the provider's user id (CIS2 {@code nhsid_useruid}), recorded as the
	 * one on whose behalf the client acts
	 * @param orgCode the ODS code of the organisation of the selected role
	 * @param role the practitioner role token the selected role maps to, e.g.
	 * {@code clinician}
	 */
	record PractitionerIdentity(String userId, String orgCode, String role) {

	}

}
