package care.concord.server.federation;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a sign-in through an upstream provider was refused: the code recorded in the audit
 * log and shown in the refusal page's address, and the sentence the person reads. Nothing
 * the provider sent is echoed to the page.
 */
public enum SignInRefusal {

	/**
	 * The provider's ID token failed a check: signature, issuer, audience, nonce or
	 * lifetime.
	 */
	INVALID_ID_TOKEN("invalid-id-token",
			"The identity provider's answer could not be verified, so you have not been signed in. Please try again."),
	/**
	 * The provider refused or the exchange with it failed (including the user
	 * cancelling).
	 */
	PROVIDER_ERROR("provider-error", "The identity provider did not sign you in. Please try again."),
	/** The provider could not be reached. */
	PROVIDER_UNAVAILABLE("provider-unavailable",
			"The identity provider cannot be reached at the moment. Please try again in a few minutes."),
	/**
	 * NHS login gave no NHS number, or one that fails the Modulus 11 check, at the high
	 * proofing level.
	 */
	NHS_NUMBER_INVALID("nhs-number-invalid",
			"NHS login did not give a valid NHS number, so we cannot find your consent record."),
	/**
	 * NHS login gave an NHS number that another account already holds (through another
	 * NHS login identity).
	 */
	NHS_NUMBER_BOUND("nhs-number-bound",
			"Your NHS number is already linked to another account. Contact the service desk."),
	/** NHS login gave no usable proofing level. */
	PROOFING_LEVEL_UNKNOWN("proofing-level-unknown", "NHS login did not say how your identity was checked."),
	/** CIS2 gave no selected role, or one not among the person's roles. */
	CIS2_ROLE_MISSING("cis2-role-missing", "NHS Care Identity did not say which role you selected."),
	/** The selected CIS2 role is not one Concord grants access to. */
	CIS2_ROLE_UNKNOWN("cis2-role-unknown",
			"Your selected NHS Care Identity role does not give access to Concord. Select another role, or ask "
					+ "your registration authority."),
	/**
	 * The CIS2 role needs a higher authentication assurance (smartcard or equivalent).
	 */
	CIS2_ASSURANCE_TOO_LOW("cis2-assurance-too-low",
			"This role needs you to sign in with your smartcard or an equivalent authenticator."),
	/** The account the identity maps to is disabled. */
	ACCOUNT_DISABLED("account-disabled", "Your Concord account is disabled. Contact the service desk.");

	private final String code;

	private final String message;

	SignInRefusal(String code, String message) {
		this.code = code;
		this.message = message;
	}

	public String code() {
		return this.code;
	}

	public String message() {
		return this.message;
	}

	public static Optional<SignInRefusal> fromCode(String code) {
		return Arrays.stream(values()).filter((refusal) -> refusal.code.equals(code)).findFirst();
	}

}
