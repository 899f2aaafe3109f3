package care.concord.server.identity;

/**
 * How a local record came to be linked to its person, as the API and the
 * {@code identity_record.method} column spell it.
 */
public enum LinkMethod {

	/**
	 * A valid NHS number Concord already trusted, and demographics consistent with the
	 * person's records.
	 */
	NHS_NUMBER("nhs-number"),
	/**
	 * The demographics scored at or above the match threshold against one person, and no
	 * other.
	 */
	DEMOGRAPHIC_MATCH("demographic-match"),
	/** Queued for an IG officer: the person is undecided. */
	REVIEW("review"),
	/** Nothing matched: a new person was created. */
	NEW_PERSON("new-person"),
	/** An IG officer decided the link (accepted or rejected a review). */
	IG_DECISION("ig-decision");

	private final String code;

	LinkMethod(String code) {
		this.code = code;
	}

	/** The wire and column value. */
	public String code() {
		return this.code;
	}

	/**
	 * The method with that code.
	 * @throws IllegalArgumentException for an unknown code (a corrupt row)
	 */
	public static LinkMethod fromCode(String code) {
		for (LinkMethod method : values()) {
			if (method.code.equals(code)) {
				return method;
			}
		}
		throw new IllegalArgumentException("unknown link method '" + code + "'");
	}

}
