package care.concord.server.identity;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.StateConflictException;

/**
 * The lifecycle of an IG officer review, an explicit state machine: <pre>
 *              accept
 *   pending ----------&gt; accepted
 *      |
 *      |     reject
 *      +-------------&gt; rejected
 * </pre> A decided review is final: every transition checks the current state first
 * ({@link #transitionTo}).
 */
public enum ReviewStatus {

	/** Waiting for an IG officer; the record has no person. */
	PENDING("pending"),
	/** Linked to the proposed person or the one the officer named. */
	ACCEPTED("accepted"),
	/** Linked to a new person. */
	REJECTED("rejected");

	private final String code;

	ReviewStatus(String code) {
		this.code = code;
	}

	/** The wire and column value. */
	public String code() {
		return this.code;
	}

	/** The states reachable from this one in one step. */
	public Set<ReviewStatus> next() {
		return (this == PENDING) ? EnumSet.of(ACCEPTED, REJECTED) : EnumSet.noneOf(ReviewStatus.class);
	}

	/**
	 * The target state, after checking that the transition is allowed from this state.
	 * @throws StateConflictException {@code conflict} (409) when the review is not in a
	 * state that allows it
	 */
	public ReviewStatus transitionTo(ReviewStatus target) {
		if (!next().contains(target)) {
			throw new StateConflictException(
					"the review is " + this.code + "; only a pending review can be " + target.code);
		}
		return target;
	}

	/**
	 * The status with that code.
	 * @throws InvalidRequestException {@code validation-failed} naming {@code status} for
	 * an unknown code
	 */
	public static ReviewStatus fromCode(String code) {
		return Arrays.stream(values())
			.filter((status) -> status.code.equals(code))
			.findFirst()
			.orElseThrow(() -> new InvalidRequestException("status", "status must be pending, accepted or rejected"));
	}

}
