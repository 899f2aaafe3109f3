package care.concord.policy.decision;

import care.concord.policy.request.InvalidRequestException;

/**
 * Permit or deny: the effect of a decision and of a citizen directive
 * (consent-decisions.md, directive {@code effect}).
 */
public enum Effect {

	PERMIT("permit"), DENY("deny");

	private final String code;

	Effect(String code) {
		this.code = code;
	}

	/** The spec code, {@code permit} or {@code deny}. */
	public String code() {
		return this.code;
	}

	/**
	 * The effect with the given spec code.
	 * @throws InvalidRequestException (field {@code effect}) for null or unknown codes
	 */
	public static Effect fromCode(String code) {
		if ("permit".equals(code)) {
			return PERMIT;
		}
		if ("deny".equals(code)) {
			return DENY;
		}
		throw new InvalidRequestException("effect",
				(code == null) ? "effect is missing" : "unknown effect '" + code + "' (permit or deny)");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
