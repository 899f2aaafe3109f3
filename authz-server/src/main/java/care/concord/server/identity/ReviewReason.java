package care.concord.server.identity;

/**
 * Why a record was queued for an IG officer rather than linked automatically.
 */
public enum ReviewReason {

	/** The best person scored between the review and match thresholds. */
	POSSIBLE_MATCH("possible-match"),
	/** More than one person scored at or above the match threshold. */
	AMBIGUOUS_MATCH("ambiguous-match"),
	/**
	 * A valid NHS number Concord knows, but the demographics strongly disagree with that
	 * person's records.
	 */
	NHS_NUMBER_CONFLICT("nhs-number-conflict"),
	/**
	 * The demographics match a person who holds a different NHS number from the one
	 * submitted.
	 */
	NHS_NUMBER_MISMATCH("nhs-number-mismatch"),
	/**
	 * A re-submission of a linked record now points at another person: links never move
	 * without review.
	 */
	RELINK("relink");

	private final String code;

	ReviewReason(String code) {
		this.code = code;
	}

	/** The wire and column value. */
	public String code() {
		return this.code;
	}

	/**
	 * The reason with that code.
	 * @throws IllegalArgumentException for an unknown code (a corrupt row)
	 */
	public static ReviewReason fromCode(String code) {
		for (ReviewReason reason : values()) {
			if (reason.code.equals(code)) {
				return reason;
			}
		}
		throw new IllegalArgumentException("unknown review reason '" + code + "'");
	}

}
