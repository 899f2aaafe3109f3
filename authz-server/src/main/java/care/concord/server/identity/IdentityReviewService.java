package care.concord.server.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import care.concord.identity.matching.scoring.Evidence;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.NotFoundException;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity review queue: pages and single reviews for an IG officer, each with the
 * evidence for and against the proposed person, and the officer's accept and reject
 * decisions. Every read and decision is audited; a decision is one transaction under the
 * identity write lock, its audit record written last inside it (fail closed), as in
 * {@link IdentityService}.
 */
public final class IdentityReviewService {

	private final IdentityStore store;

	private final LinkageEngine engine;

	private final AuditLog audit;

	private final IdentityWrites writes;

	private final Clock clock;

	public IdentityReviewService(IdentityStore store, LinkageEngine engine, AuditLog audit,
			TransactionTemplate transactions, Clock clock) {
		this.store = Objects.requireNonNull(store, "store");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.writes = new IdentityWrites(store, Objects.requireNonNull(transactions, "transactions"));
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * A page of the review queue, oldest first, with each review's record and proposed
	 * person's records.
	 */
	public ReviewPage reviews(AuditActor actor, ReviewStatus status, int page, int size) {
		List<ReviewDetail> reviews = this.store.reviews(status, page, size).stream().map(this::detail).toList();
		long total = this.store.countReviews(status);
		this.audit.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
			.permit("review-queue-read")
			.explanation("Read " + reviews.size() + " " + status.code() + " identity review(s), page " + page)
			.detail("status", status.code())
			.detail("page", String.valueOf(page))
			.build());
		return new ReviewPage(reviews, page, size, total);
	}

	/**
	 * One review with its record and the proposed person's records.
	 * @throws NotFoundException 404 when there is no such review
	 */
	public ReviewDetail review(AuditActor actor, UUID reviewId) {
		ReviewDetail detail = detail(
				this.store.findReview(reviewId).orElseThrow(() -> new NotFoundException("review")));
		this.audit.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
			.permit("review-read")
			.explanation("Read identity review " + reviewId)
			.detail("review_id", reviewId.toString())
			.build());
		return detail;
	}

	private ReviewDetail detail(IdentityReview review) {
		LinkedRecord record = this.store.findRecordById(review.recordId())
			.orElseThrow(() -> new IllegalStateException("review without its record"));
		UUID shown = (review.status() == ReviewStatus.PENDING) ? review.proposedPersonId() : review.personId();
		List<LinkedRecord> candidates = (review.proposedPersonId() != null)
				? this.store.recordsOfPerson(review.proposedPersonId()) : List.of();
		Optional<IdentityPerson> proposed = Optional.ofNullable(review.proposedPersonId())
			.flatMap(this.store::findPerson);
		LinkedRecord compared = null;
		Evidence evidence = null;
		for (LinkedRecord candidate : candidates) {
			if (!candidate.recordId().equals(record.recordId())) {
				Evidence e = this.engine.explain(record.demographics(), candidate.demographics());
				if (evidence == null || e.score() > evidence.score()) {
					evidence = e;
					compared = candidate;
				}
			}
		}
		return new ReviewDetail(review, record, proposed.orElse(null), candidates,
				Optional.ofNullable(shown).flatMap(this.store::findPerson).orElse(null), compared, evidence);
	}

	/**
	 * Accepts a pending review: the record is linked to the named person, or else to the
	 * proposed one.
	 * @param personId the person to link to, or null for the proposed person
	 * @param reason the officer's reason (required)
	 * @throws NotFoundException 404 unknown review, 409 review not pending, 400 no person
	 * to link to
	 */
	public ReviewDetail accept(AuditActor actor, UUID reviewId, UUID personId, String reason) {
		return decide(actor, reviewId, ReviewStatus.ACCEPTED, personId, reason);
	}

	/**
	 * Rejects a pending review: the record is linked to a new person (who gets the
	 * record's NHS number when no other person holds it).
	 * @throws NotFoundException 404 unknown review, 409 review not pending
	 */
	public ReviewDetail reject(AuditActor actor, UUID reviewId, String reason) {
		return decide(actor, reviewId, ReviewStatus.REJECTED, null, reason);
	}

	private ReviewDetail decide(AuditActor actor, UUID reviewId, ReviewStatus target, UUID personId, String reason) {
		return this.writes.inTransaction(() -> {
			this.store.lockForWrite();
			Instant now = this.clock.instant();
			IdentityReview review = this.store.findReview(reviewId).orElseThrow(() -> new NotFoundException("review"));
			review.status().transitionTo(target);
			LinkedRecord record = this.store.findRecordById(review.recordId())
				.orElseThrow(() -> new IllegalStateException("review without its record"));
			UUID person;
			if (target == ReviewStatus.ACCEPTED) {
				person = (personId != null) ? personId : review.proposedPersonId();
				if (person == null) {
					throw new InvalidRequestException("person_id",
							"the review proposes no person; name the person to link to, or reject");
				}
				if (this.store.findPerson(person).isEmpty()) {
					throw new InvalidRequestException("person_id", "no such person");
				}
			}
			else {
				person = this.writes.newPerson(record.submittedNhsNumber(), now);
			}
			LinkedRecord linked = this.writes.link(record, person, LinkMethod.IG_DECISION, record.score(), now);
			this.store.updateRecord(linked, null);
			IdentityReview decided = review.decide(target, person, actor.username(), reason, now);
			this.store.updateReview(decided);
			this.audit.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
				.subject(linked.personNhsNumber())
				.holder(record.orgCode())
				.permit((target == ReviewStatus.ACCEPTED) ? "review-accepted" : "review-rejected")
				.explanation("Identity review " + reviewId + " " + target.code() + ": local record " + record.localId()
						+ " of " + record.orgCode() + " linked to "
						+ ((target == ReviewStatus.ACCEPTED) ? "person " : "new person ") + person)
				.detail("review_id", reviewId.toString())
				.detail("local_id", record.localId())
				.detail("person_id", person.toString())
				.detail("reason", reason)
				.build());
			return detail(decided);
		});
	}

	/**
	 * A review with what an IG officer needs to decide it.
	 *
	 * @param review the review
	 * @param record the record under review
	 * @param proposed the proposed person, or null
	 * @param proposedRecords the proposed person's records (to compare demographics)
	 * @param linkedPerson the person linked by the decision (or the proposal while
	 * pending), or null
	 * @param comparedRecord the proposed person's record most like the one under review,
	 * or null
	 * @param evidence each comparison's level and weight between the two, or null without
	 * a proposal
	 */
	public record ReviewDetail(IdentityReview review, LinkedRecord record, IdentityPerson proposed,
			List<LinkedRecord> proposedRecords, IdentityPerson linkedPerson, LinkedRecord comparedRecord,
			Evidence evidence) {
	}

	/**
	 * A page of reviews.
	 *
	 * @param reviews the reviews, oldest first
	 * @param page the page number (0-based)
	 * @param size the page size
	 * @param total reviews in that state
	 */
	public record ReviewPage(List<ReviewDetail> reviews, int page, int size, long total) {
	}

}
