package care.concord.policy.decision;

/**
 * Whom an explanation speaks to: the citizen whose records are concerned reads it in the
 * second person ("your records"); IG officers and agencies read it in the third ("the
 * citizen's records").
 */
public enum Audience {

	/**
	 * The citizen: "Your directive of 3 March 2026 denies ...", "... has no care
	 * relationship with you".
	 */
	CITIZEN("your", "you", "you have", "you are"),

	/** IG officers and agencies: "The citizen's directive of 3 March 2026 denies ...". */
	OTHERS("the citizen's", "the citizen", "the citizen has", "the citizen is");

	private final String possessive;

	private final String object;

	private final String have;

	private final String are;

	Audience(String possessive, String object, String have, String are) {
		this.possessive = possessive;
		this.object = object;
		this.have = have;
		this.are = are;
	}

	/** "your" / "the citizen's". */
	String your() {
		return this.possessive;
	}

	/** "you" / "the citizen" (as an object). */
	String you() {
		return this.object;
	}

	/** "you have" / "the citizen has". */
	String youHave() {
		return this.have;
	}

	/** "you are" / "the citizen is". */
	String youAre() {
		return this.are;
	}

}
