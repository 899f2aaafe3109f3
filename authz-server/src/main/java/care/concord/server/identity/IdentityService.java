package care.concord.server.identity;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.StateConflictException;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The identity service: links agencies' local records to Concord persons
 * ({@link #submit}) and answers look-ups; the review queue and IG officer decisions are
 * {@link IdentityReviewService}'s.
 *
 * <p>
 * Every write is one transaction that first takes the cluster-wide identity write lock
 * ({@link IdentityStore#lockForWrite()}), so matching always sees every node's committed
 * writes and a person is never created twice for one NHS number. Each action appends one
 * {@code IDENTITY_ACTION} audit record last, inside the transaction: when the record
 * cannot be written the transaction rolls back and the caller gets an error (fail
 * closed), so nothing is half-stored and nothing happens unaudited.
 *
 * <p>
 * Re-submitting the same (agency, local id) is idempotent: identical data answers the
 * stored link and writes nothing but the audit record; changed data is re-evaluated. A
 * link never moves to another person without an IG officer: when the re-evaluation points
 * elsewhere the record goes to review ({@link ReviewReason#RELINK}). While a record's
 * review is pending, re-submissions update its data and the review's proposal.
 */
public final class IdentityService {

	private final IdentityStore store;

	private final LinkageEngine engine;

	private final AuditLog audit;

	private final IdentityWrites writes;

	private final Clock clock;

	public IdentityService(IdentityStore store, LinkageEngine engine, AuditLog audit, TransactionTemplate transactions,
			Clock clock) {
		this.store = Objects.requireNonNull(store, "store");
		this.engine = Objects.requireNonNull(engine, "engine");
		this.audit = Objects.requireNonNull(audit, "audit");
		this.writes = new IdentityWrites(store, Objects.requireNonNull(transactions, "transactions"));
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/** Today's date for validating dates of birth. */
	public LocalDate today() {
		return LocalDate.now(this.clock);
	}

	/**
	 * Links the agency's record to a person, or queues it for review.
	 * @param actor the agency client submitting
	 * @param record the validated record
	 * @return the stored link and whether the record was new
	 */
	public Submission submit(AuditActor actor, LocalRecord record) {
		try {
			return this.writes.inTransaction(() -> submitLocked(actor, record));
		}
		catch (DataIntegrityViolationException ex) {
			// Only a bug or a schema drift gets here: writers are serialised by the
			// identity lock.
			throw new StateConflictException("the record conflicts with stored identity data; retry the request");
		}
	}

	private Submission submitLocked(AuditActor actor, LocalRecord record) {
		this.store.lockForWrite();
		Instant now = this.clock.instant();
		Optional<LinkedRecord> existing = this.store.findRecord(record.orgCode(), record.localId());
		if (existing.isPresent()
				&& record.sameData(existing.get().submittedNhsNumber(), existing.get().demographics())) {
			return audited(actor, new Submission(existing.get(), false, false));
		}
		String recordId = existing.map(LinkedRecord::recordId).orElseGet(() -> UUID.randomUUID().toString());
		LinkageEngine.Evaluation evaluation = this.engine.evaluate(this.store, record.demographics(),
				record.nhsNumber(), recordId);
		List<String> keys = this.engine.keys(record.demographics());
		StandardisedPerson demographics = withId(record, recordId);
		if (existing.isEmpty()) {
			LinkedRecord fresh = new LinkedRecord(recordId, record.orgCode(), record.localId(), null, null,
					record.nhsNumber(), demographics, LinkMethod.REVIEW, null, null, now, now);
			LinkedRecord stored = switch (evaluation.outcome()) {
				case NHS_NUMBER, DEMOGRAPHIC_MATCH ->
					this.writes.link(fresh, evaluation.personId(), evaluation.method(), evaluation.score(), now);
				case NEW_PERSON -> this.writes.link(fresh, this.writes.newPerson(record.nhsNumber(), now),
						LinkMethod.NEW_PERSON, evaluation.score(), now);
				case REVIEW -> {
					UUID reviewId = UUID.randomUUID();
					LinkedRecord pending = fresh.pending(reviewId, evaluation.score(), now);
					this.store.insertRecord(pending, keys);
					this.store.insertReview(IdentityReview.pending(reviewId, recordId, evaluation.reviewReason(),
							evaluation.personId(), null, evaluation.score(), now));
					yield pending;
				}
			};
			if (stored.method() != LinkMethod.REVIEW) {
				this.store.insertRecord(stored, keys);
			}
			return audited(actor, new Submission(reload(recordId), true, true));
		}
		LinkedRecord current = existing.get().withData(record.nhsNumber(), demographics, now);
		if (current.isPending()) {
			IdentityReview review = this.store.findReview(current.reviewId())
				.orElseThrow(() -> new IllegalStateException("pending record without its review"));
			ReviewReason reason = (evaluation.reviewReason() != null) ? evaluation.reviewReason() : review.reason();
			this.store.updateReview(review.reproposed(reason, evaluation.personId(), evaluation.score()));
			this.store.updateRecord(current.pending(review.reviewId(), evaluation.score(), now), keys);
			return audited(actor, new Submission(reload(recordId), false, true));
		}
		UUID person = current.personId();
		boolean samePerson = switch (evaluation.outcome()) {
			case NHS_NUMBER, DEMOGRAPHIC_MATCH -> person.equals(evaluation.personId());
			case NEW_PERSON ->
				this.store.recordsOfPerson(person).stream().allMatch((r) -> r.recordId().equals(recordId));
			case REVIEW -> false;
		};
		NhsNumber personNhs = current.personNhsNumber();
		boolean nhsDisagrees = record.nhsNumber() != null && personNhs != null && !personNhs.equals(record.nhsNumber());
		if (samePerson && !nhsDisagrees) {
			LinkMethod method = (evaluation.outcome() == LinkageEngine.Evaluation.Outcome.NEW_PERSON) ? current.method()
					: evaluation.method();
			this.store.updateRecord(this.writes.link(current, person, method, evaluation.score(), now), keys);
			return audited(actor, new Submission(reload(recordId), false, true));
		}
		ReviewReason reason = (evaluation.reviewReason() != null) ? evaluation.reviewReason()
				: nhsDisagrees && samePerson ? ReviewReason.NHS_NUMBER_MISMATCH : ReviewReason.RELINK;
		UUID proposed = samePerson ? person : evaluation.personId();
		UUID reviewId = UUID.randomUUID();
		this.store.insertReview(
				IdentityReview.pending(reviewId, recordId, reason, proposed, person, evaluation.score(), now));
		this.store.updateRecord(current.pending(reviewId, evaluation.score(), now), keys);
		return audited(actor, new Submission(reload(recordId), false, true));
	}

	private static StandardisedPerson withId(LocalRecord record, String id) {
		var d = record.demographics();
		return new StandardisedPerson(id, d.givenName(), d.givenCanonical(), d.familyName(), d.dateOfBirth(),
				d.dateOfBirthChecked(), d.postcode(), d.streetNumber(), d.street(), d.locality(), null, null, null);
	}

	private LinkedRecord reload(String recordId) {
		return this.store.findRecordById(recordId).orElseThrow(() -> new IllegalStateException("record vanished"));
	}

	private Submission audited(AuditActor actor, Submission submission) {
		LinkedRecord r = submission.record();
		AuditEvent.Builder event = AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
			.subject(r.personNhsNumber())
			.holder(r.orgCode())
			.permit(submission.created() ? "record-linked"
					: submission.changed() ? "record-updated" : "record-resubmitted")
			.explanation("Local record " + r.localId() + " of " + r.orgCode() + ": " + r.method().code()
					+ (r.isPending() ? ", queued for IG officer review " + r.reviewId() : ", person " + r.personId()))
			.detail("local_id", r.localId())
			.detail("method", r.method().code())
			.detail("person_id", (r.personId() != null) ? r.personId().toString() : null)
			.detail("review_id", (r.reviewId() != null && r.isPending()) ? r.reviewId().toString() : null)
			.detail("score", score(r.score()));
		this.audit.append(event.build());
		return submission;
	}

	/**
	 * The agency's own record, audited as a look-up.
	 * @throws NotFoundException 404 when the agency has no such record
	 */
	public LinkedRecord record(AuditActor actor, String orgCode, String localId) {
		LinkedRecord record = this.store.findRecord(orgCode, localId)
			.orElseThrow(() -> new NotFoundException("local record"));
		this.audit.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
			.subject(record.personNhsNumber())
			.holder(orgCode)
			.permit("record-lookup")
			.explanation("Looked up local record " + localId + " of " + orgCode)
			.detail("local_id", localId)
			.detail("person_id", (record.personId() != null) ? record.personId().toString() : null)
			.build());
		return record;
	}

	/**
	 * The person and its linked records, audited as a look-up; for an agency only its own
	 * records.
	 * @param orgCode the calling agency, or null for an IG officer (who sees every link)
	 * @throws NotFoundException 404 when there is no such person, or the agency has no
	 * record linked to it
	 */
	public PersonLinks person(AuditActor actor, UUID personId, String orgCode) {
		IdentityPerson person = this.store.findPerson(personId).orElseThrow(() -> new NotFoundException("person"));
		List<LinkedRecord> records = this.store.recordsOfPerson(personId)
			.stream()
			.filter((r) -> orgCode == null || orgCode.equals(r.orgCode()))
			.toList();
		if (orgCode != null && records.isEmpty()) {
			// an agency learns nothing about persons it holds no record of, not even that
			// they exist
			throw new NotFoundException("person");
		}
		this.audit.append(AuditEvent.builder(AuditEventType.IDENTITY_ACTION, actor)
			.subject(person.nhsNumber())
			.permit("person-lookup")
			.explanation("Looked up the local records linked to person " + personId
					+ ((orgCode != null) ? " held by " + orgCode : ""))
			.detail("person_id", personId.toString())
			.detail("records", String.valueOf(records.size()))
			.build());
		return new PersonLinks(person, records);
	}

	/**
	 * The NHS number of the person the agency's local record is linked to (no audit:
	 * callers audit their use).
	 */
	public Optional<NhsNumber> nhsNumberForLocalId(String orgCode, String localId) {
		return this.store.nhsNumberForLocalId(orgCode, localId);
	}

	static String score(Double score) {
		return (score == null) ? null : String.format(Locale.ROOT, "%.2f", score);
	}

	/**
	 * The result of a submission.
	 *
	 * @param record the record as stored
	 * @param created whether the (agency, local id) was new
	 * @param changed whether anything but the audit log was written
	 */
	public record Submission(LinkedRecord record, boolean created, boolean changed) {
	}

	/**
	 * A person and the records linked to it that the caller may see.
	 *
	 * @param person the person
	 * @param records the linked records
	 */
	public record PersonLinks(IdentityPerson person, List<LinkedRecord> records) {
	}

}
