package care.concord.policy.citizen;

import care.concord.policy.request.InvalidRequestException;

/**
 * Whether a citizen directive is in force ({@code active}) or withdrawn
 * ({@code revoked}), per consent-decisions.md "Inputs". A revoked directive never matches
 * a request.
 */
public enum DirectiveStatus {

	ACTIVE("active"), REVOKED("revoked");

	private final String code;

	DirectiveStatus(String code) {
		this.code = code;
	}

	/** The spec code, {@code active} or {@code revoked}. */
	public String code() {
		return this.code;
	}

	/**
	 * The status with the given spec code.
	 * @throws InvalidRequestException (field {@code status}) for null or unknown codes
	 */
	public static DirectiveStatus fromCode(String code) {
		if ("active".equals(code)) {
			return ACTIVE;
		}
		if ("revoked".equals(code)) {
			return REVOKED;
		}
		throw new InvalidRequestException("status",
				(code == null) ? "status is missing" : "unknown directive status '" + code + "' (active or revoked)");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
