package care.concord.server.consent.review;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditRecord;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.StateConflictException;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * IG officers' reviews of break-glass accesses (the {@code review} obligation of
 * consent-decisions.md layer 3). A break-glass access is reviewed once: the review is
 * stored and audited ({@code BREAK_GLASS_REVIEW}, naming the reviewed record) in one
 * transaction, so a review that could not be audited is not kept.
 */
public final class BreakGlassReviewService {

	/** Longest review comment accepted. */
	public static final int MAX_COMMENT = 2000;

	private final BreakGlassReviews reviews;

	private final AuditLog audit;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public BreakGlassReviewService(BreakGlassReviews reviews, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.reviews = Objects.requireNonNull(reviews, "reviews");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.transactions = Objects.requireNonNull(transactions, "transactions");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * Reviews the break-glass access audited as {@code auditSeq}.
	 * @throws InvalidRequestException 400 for a missing verdict or an overlong comment,
	 * 404 when that record is not a break-glass permit, 409 when it was reviewed already
	 */
	public BreakGlassAccess review(String officer, long auditSeq, Boolean justified, String comment) {
		if (justified == null) {
			throw new InvalidRequestException("justified", "true or false is required");
		}
		if (comment != null && comment.length() > MAX_COMMENT) {
			throw new InvalidRequestException("comment", "at most " + MAX_COMMENT + " characters");
		}
		String text = (comment == null || comment.isBlank()) ? null : comment.strip();
		return this.transactions.execute((tx) -> {
			BreakGlassAccess access = this.reviews.find(auditSeq)
				.orElseThrow(() -> new NotFoundException("break-glass access " + auditSeq));
			Instant now = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
			if (!this.reviews.insert(auditSeq, justified, text, officer, now)) {
				throw new StateConflictException("break-glass access " + auditSeq + " has been reviewed already");
			}
			AuditEvent.Builder event = AuditEvent.builder(AuditEventType.BREAK_GLASS_REVIEW, AuditActor.user(officer))
				.holder(access.holder())
				.category(access.category())
				.purpose(access.purpose())
				.explanation(
						"IG officer " + officer + " found break-glass access " + auditSeq + " by " + access.agency()
								+ (justified ? " justified" : " not justified") + ((text != null) ? ": " + text : ""))
				.correlationId(Long.toString(auditSeq))
				.detail("reviewed_seq", Long.toString(auditSeq))
				.detail("justified", Boolean.toString(justified));
			if (access.subject() != null && NhsNumber.isValid(access.subject())) {
				event.subject(NhsNumber.parse(access.subject()));
			}
			AuditRecord record = this.audit.append(event.build());
			this.reviews.linkAuditRecord(auditSeq, record.sequence());
			return this.reviews.find(auditSeq).orElseThrow();
		});
	}

}
