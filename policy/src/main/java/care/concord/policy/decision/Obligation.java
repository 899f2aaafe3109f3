package care.concord.policy.decision;

import care.concord.policy.request.InvalidRequestException;

/**
 * A duty that comes with a permit, the closed list of consent-decisions.md "Decision
 * procedure": break glass brings {@code notify-subject} and {@code review}; planning
 * under the opt-out model brings {@code deidentify}. Auditing is not an obligation: every
 * decision is audited.
 */
public enum Obligation {

	/** Tell the citizen their record was opened (break glass). */
	NOTIFY_SUBJECT("notify-subject"),
	/** An information-governance officer reviews the access afterwards (break glass). */
	REVIEW("review"),
	/** Release the data only de-identified (planning, opt-out model). */
	DEIDENTIFY("deidentify");

	private final String code;

	Obligation(String code) {
		this.code = code;
	}

	/** The spec code, e.g. {@code notify-subject}. */
	public String code() {
		return this.code;
	}

	/**
	 * The obligation with the given spec code.
	 * @throws InvalidRequestException (field {@code obligation}) for null or unknown
	 * codes
	 */
	public static Obligation fromCode(String code) {
		for (Obligation obligation : values()) {
			if (obligation.code.equals(code)) {
				return obligation;
			}
		}
		throw new InvalidRequestException("obligation",
				(code == null) ? "obligation is missing" : "unknown obligation '" + code + "'");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
