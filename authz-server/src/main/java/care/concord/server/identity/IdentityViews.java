package care.concord.server.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.scoring.Evidence;
import care.concord.identity.nhs.NhsNumber;

/**
 * The JSON shapes the identity API answers with. Members are always present; {@code null}
 * means "not known" or "not applicable". Scores are match weights in bits, rounded to two
 * decimals.
 */
public final class IdentityViews {

	private IdentityViews() {
	}

	/**
	 * An agency's record and its link (the answer to a submission and to a record
	 * look-up).
	 *
	 * @param agency the agency's organisation code
	 * @param localId the agency's identifier
	 * @param status {@code linked}, or {@code pending-review} while an IG officer decides
	 * @param personId Concord's opaque person id; null while pending
	 * @param nhsNumber the person's trusted NHS number, when known
	 * @param method {@code nhs-number}, {@code demographic-match}, {@code new-person},
	 * {@code review} (pending) or {@code ig-decision}
	 * @param score the match weight behind the link or the review, when one was computed
	 * @param reviewId the pending review; null when linked
	 */
	public record RecordLink(String agency, @JsonProperty("local_id") String localId, String status,
			@JsonProperty("person_id") UUID personId, @JsonProperty("nhs_number") String nhsNumber, String method,
			Double score, @JsonProperty("review_id") UUID reviewId) {

		static RecordLink of(LinkedRecord r) {
			return new RecordLink(r.orgCode(), r.localId(), r.isPending() ? "pending-review" : "linked", r.personId(),
					nhs(r.personNhsNumber()), r.method().code(), round(r.score()), r.isPending() ? r.reviewId() : null);
		}

	}

	/**
	 * A person and the local records linked to it that the caller may see.
	 *
	 * @param personId the person
	 * @param nhsNumber the trusted NHS number, when known
	 * @param records agency code and local id of each linked record, oldest first
	 */
	public record PersonLinks(@JsonProperty("person_id") UUID personId, @JsonProperty("nhs_number") String nhsNumber,
			List<LocalId> records) {

		static PersonLinks of(IdentityService.PersonLinks links) {
			return new PersonLinks(links.person().personId(), nhs(links.person().nhsNumber()),
					links.records().stream().map((r) -> new LocalId(r.orgCode(), r.localId())).toList());
		}

	}

	/**
	 * A local id, nothing more.
	 *
	 * @param agency the agency's organisation code
	 * @param localId the agency's identifier
	 */
	public record LocalId(String agency, @JsonProperty("local_id") String localId) {
	}

	/**
	 * Normalised demographics, as stored (upper/lower case and spelling as the
	 * standardiser left them).
	 *
	 * @param givenName given name(s)
	 * @param familyName family name
	 * @param dateOfBirth ISO-8601 date
	 * @param postcode postcode
	 * @param streetNumber house number
	 * @param street street
	 * @param locality locality
	 */
	public record Demographics(@JsonProperty("given_name") String givenName,
			@JsonProperty("family_name") String familyName, @JsonProperty("date_of_birth") LocalDate dateOfBirth,
			String postcode, @JsonProperty("street_number") String streetNumber, String street, String locality) {

		static Demographics of(StandardisedPerson p) {
			String d = p.dateOfBirth();
			LocalDate date = LocalDate.of(Integer.parseInt(d.substring(0, 4)), Integer.parseInt(d.substring(4, 6)),
					Integer.parseInt(d.substring(6, 8)));
			return new Demographics(p.givenName(), p.familyName(), date, p.postcode(), p.streetNumber(), p.street(),
					p.locality());
		}

	}

	/**
	 * A stored record as an IG officer sees it.
	 *
	 * @param agency the agency's organisation code
	 * @param localId the agency's identifier
	 * @param nhsNumber the NHS number the agency submitted, if any
	 * @param demographics its normalised demographics
	 */
	public record ReviewedRecord(String agency, @JsonProperty("local_id") String localId,
			@JsonProperty("nhs_number") String nhsNumber, Demographics demographics) {

		static ReviewedRecord of(LinkedRecord r) {
			return new ReviewedRecord(r.orgCode(), r.localId(), nhs(r.submittedNhsNumber()),
					Demographics.of(r.demographics()));
		}

	}

	/**
	 * A person proposed to an IG officer, with the records that make it up.
	 *
	 * @param personId the person
	 * @param nhsNumber its trusted NHS number, if any
	 * @param records its linked records
	 */
	public record ProposedPerson(@JsonProperty("person_id") UUID personId, @JsonProperty("nhs_number") String nhsNumber,
			List<ReviewedRecord> records) {
	}

	/**
	 * An IG officer's decision.
	 *
	 * @param decidedAt when
	 * @param decidedBy the officer's username
	 * @param reason the officer's reason
	 * @param personId the person the record was linked to
	 */
	public record Decision(@JsonProperty("decided_at") Instant decidedAt, @JsonProperty("decided_by") String decidedBy,
			String reason, @JsonProperty("person_id") UUID personId) {
	}

	/**
	 * A review in the queue.
	 *
	 * @param reviewId the review
	 * @param status {@code pending}, {@code accepted} or {@code rejected}
	 * @param reason why it was queued: {@code possible-match}, {@code ambiguous-match},
	 * {@code nhs-number-conflict}, {@code nhs-number-mismatch} or {@code relink}
	 * @param createdAt when queued
	 * @param score the weight against the proposed person, if any
	 * @param record the record under review
	 * @param proposedPerson Concord's proposal, or null
	 * @param previousPersonId the record's person before the re-submission that queued
	 * it, or null
	 * @param decision the decision, null while pending
	 */
	public record Review(@JsonProperty("review_id") UUID reviewId, String status, String reason,
			@JsonProperty("created_at") Instant createdAt, Double score, ReviewedRecord record,
			@JsonProperty("proposed_person") ProposedPerson proposedPerson,
			@JsonProperty("previous_person_id") UUID previousPersonId, Decision decision, ReviewEvidence evidence) {

		static Review of(IdentityReviewService.ReviewDetail detail) {
			IdentityReview r = detail.review();
			ProposedPerson proposed = (detail.proposed() == null) ? null
					: new ProposedPerson(detail.proposed().personId(), nhs(detail.proposed().nhsNumber()),
							detail.proposedRecords().stream().map(ReviewedRecord::of).toList());
			Decision decision = (r.status() == ReviewStatus.PENDING) ? null
					: new Decision(r.decidedAt(), r.decidedBy(), r.decisionReason(), r.personId());
			return new Review(r.reviewId(), r.status().code(), r.reason().code(), r.createdAt(), round(r.score()),
					ReviewedRecord.of(detail.record()), proposed, r.previousPersonId(), decision,
					ReviewEvidence.of(detail));
		}

	}

	/**
	 * The evidence for and against the record under review being the proposed person: its
	 * comparison with the proposed person's most similar record, field by field.
	 *
	 * @param comparedAgency the agency of the record compared with
	 * @param comparedLocalId that record's local id
	 * @param nhsNumbers {@code same}, {@code different} (two valid numbers: two people)
	 * or {@code missing} (on either side), between the record's NHS number and the
	 * proposed person's
	 * @param sum the sum of the weights, in bits
	 * @param score the weight that decided (the sum, or just below the match threshold
	 * when a caution held it)
	 * @param caution why the pair was held back from an automatic link, or null
	 * @param comparisons each field's comparison, in the order of the model
	 */
	public record ReviewEvidence(@JsonProperty("compared_agency") String comparedAgency,
			@JsonProperty("compared_local_id") String comparedLocalId, @JsonProperty("nhs_numbers") String nhsNumbers,
			Double sum, Double score, String caution, List<FieldComparison> comparisons) {

		static ReviewEvidence of(IdentityReviewService.ReviewDetail detail) {
			Evidence e = detail.evidence();
			if (e == null) {
				return null;
			}
			NhsNumber mine = detail.record().submittedNhsNumber();
			NhsNumber theirs = (detail.proposed() != null) ? detail.proposed().nhsNumber() : null;
			String nhs = (mine == null || theirs == null) ? "missing" : mine.equals(theirs) ? "same" : "different";
			List<FieldComparison> comparisons = e.items()
				.stream()
				.map((i) -> new FieldComparison(i.comparison().name().toLowerCase(Locale.ROOT),
						i.level().toLowerCase(Locale.ROOT), describe(i.level()), round(i.weight())))
				.toList();
			return new ReviewEvidence(detail.comparedRecord().orgCode(), detail.comparedRecord().localId(), nhs,
					round(e.sum()), round(e.score()), (e.caution() != null) ? e.caution().description() : null,
					comparisons);
		}

		private static String describe(String level) {
			return switch (level) {
				case "EXACT" -> "the same";
				case "NICKNAME" -> "nickname of the same name";
				case "SWAPPED" -> "given and family name swapped";
				case "DL_1" -> "one character different";
				case "DAY_MONTH_SWAPPED" -> "day and month swapped";
				case "ONE_EDIT" -> "one digit different, or the year one off";
				case "SAME_YEAR_MONTH" -> "same year and month, another day";
				case "TWO_EDITS" -> "two digits different";
				case "DISTRICT" -> "same postcode district";
				case "MISSING" -> "missing on one side";
				case "ELSE" -> "different";
				default -> level.startsWith("JW_0_9") ? "very similar" : "similar";
			};
		}

	}

	/**
	 * One field's comparison.
	 *
	 * @param field the compared field ({@code given_name}, {@code date_of_birth}, ...)
	 * @param level the level the pair reached ({@code exact}, {@code jw_0_92},
	 * {@code missing}, ...)
	 * @param description the level in words
	 * @param weight bits of evidence for (positive) or against (negative) one person
	 */
	public record FieldComparison(String field, String level, String description, Double weight) {
	}

	/**
	 * A page of the review queue.
	 *
	 * @param reviews the reviews, oldest first
	 * @param page the page number (0-based)
	 * @param size the page size asked for
	 * @param total how many reviews are in that state
	 */
	public record ReviewPage(List<Review> reviews, int page, int size, long total) {

		static ReviewPage of(IdentityReviewService.ReviewPage page) {
			return new ReviewPage(page.reviews().stream().map(Review::of).toList(), page.page(), page.size(),
					page.total());
		}

	}

	static Double round(Double score) {
		return (score == null) ? null : Math.round(score * 100) / 100.0;
	}

	private static String nhs(NhsNumber nhs) {
		return (nhs != null) ? nhs.value() : null;
	}

}
