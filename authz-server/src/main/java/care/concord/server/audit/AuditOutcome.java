package care.concord.server.audit;

import java.util.Locale;

/**
 * The outcome an audit record states: a decision's effect, or an error for a request that
 * was not decided.
 */
public enum AuditOutcome {

	/** Access permitted, or an action carried out. */
	PERMIT("permit"),

	/** Access denied by the consent decision or refused. */
	DENY("deny"),

	/** No decision: the request was invalid or processing failed. */
	ERROR("error");

	private final String code;

	AuditOutcome(String code) {
		this.code = code;
	}

	/** The stored and wire code: {@code permit}, {@code deny} or {@code error}. */
	public String code() {
		return this.code;
	}

	/**
	 * The outcome with the given code, ignoring case.
	 * @throws IllegalArgumentException when the code is none of {@code permit},
	 * {@code deny}, {@code error}
	 */
	public static AuditOutcome fromCode(String code) {
		if (code != null) {
			String lower = code.strip().toLowerCase(Locale.ROOT);
			for (AuditOutcome outcome : values()) {
				if (outcome.code.equals(lower)) {
					return outcome;
				}
			}
		}
		throw new IllegalArgumentException("decision must be one of permit, deny, error");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
