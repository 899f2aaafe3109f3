package care.concord.server.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A record waiting for (or decided by) an IG officer. Its lifecycle is
 * {@link ReviewStatus}: a pending review is accepted or rejected once, and never changes
 * afterwards.
 *
 * @param reviewId the review's id
 * @param recordId the stored record under review
 * @param status where the review is in its lifecycle
 * @param reason why the record was queued
 * @param proposedPersonId Concord's best guess of the person, or null
 * @param previousPersonId the record's person before a re-submission asked to move it, or
 * null
 * @param score the match weight against the proposed person, or null
 * @param createdAt when queued
 * @param decidedAt when decided, null while pending
 * @param decidedBy the deciding officer's username, null while pending
 * @param decisionReason the officer's reason, null while pending
 * @param personId the person the decision linked the record to, null while pending
 */
public record IdentityReview(UUID reviewId, String recordId, ReviewStatus status, ReviewReason reason,
		UUID proposedPersonId, UUID previousPersonId, Double score, Instant createdAt, Instant decidedAt,
		String decidedBy, String decisionReason, UUID personId) {

	public IdentityReview {
		Objects.requireNonNull(reviewId, "reviewId");
		Objects.requireNonNull(recordId, "recordId");
		Objects.requireNonNull(status, "status");
		Objects.requireNonNull(reason, "reason");
		Objects.requireNonNull(createdAt, "createdAt");
		if ((status == ReviewStatus.PENDING) != (decidedAt == null)) {
			throw new IllegalArgumentException("a review has a decision time exactly when it is decided");
		}
	}

	/** A new pending review. */
	public static IdentityReview pending(UUID reviewId, String recordId, ReviewReason reason, UUID proposed,
			UUID previous, Double score, Instant now) {
		return new IdentityReview(reviewId, recordId, ReviewStatus.PENDING, reason, proposed, previous, score, now,
				null, null, null, null);
	}

	/**
	 * This pending review with a new proposal (the agency re-submitted the record while
	 * it waited).
	 */
	public IdentityReview reproposed(ReviewReason newReason, UUID proposed, Double newScore) {
		if (this.status != ReviewStatus.PENDING) {
			throw new IllegalStateException("only a pending review can be re-proposed");
		}
		return new IdentityReview(this.reviewId, this.recordId, this.status, newReason, proposed, this.previousPersonId,
				newScore, this.createdAt, null, null, null, null);
	}

	/**
	 * This review decided: the transition is checked against the current state.
	 * @throws care.concord.server.domain.StateConflictException 409 when the review is no
	 * longer pending
	 */
	public IdentityReview decide(ReviewStatus target, UUID person, String officer, String why, Instant now) {
		ReviewStatus next = this.status.transitionTo(target);
		return new IdentityReview(this.reviewId, this.recordId, next, this.reason, this.proposedPersonId,
				this.previousPersonId, this.score, this.createdAt, now, officer, why, person);
	}

}
