package care.concord.server.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.nhs.NhsNumber;

/**
 * An agency's local record as stored, with its link.
 *
 * @param recordId Concord's key of the stored record (never shown to agencies)
 * @param orgCode the agency that submitted it
 * @param localId the agency's identifier
 * @param personId the person it is linked to; null exactly while a review is pending
 * @param personNhsNumber the linked person's trusted NHS number, or null (read through a
 * join)
 * @param submittedNhsNumber the NHS number the agency submitted, or null
 * @param demographics normalised demographics; {@link StandardisedPerson#id()} is the
 * record id
 * @param method how the link was made
 * @param score the match weight behind the link, or null when none was computed
 * @param reviewId the most recent review of this record, or null
 * @param createdAt first submission
 * @param updatedAt last change
 */
public record LinkedRecord(String recordId, String orgCode, String localId, UUID personId, NhsNumber personNhsNumber,
		NhsNumber submittedNhsNumber, StandardisedPerson demographics, LinkMethod method, Double score, UUID reviewId,
		Instant createdAt, Instant updatedAt) {

	public LinkedRecord {
		Objects.requireNonNull(recordId, "recordId");
		Objects.requireNonNull(orgCode, "orgCode");
		Objects.requireNonNull(localId, "localId");
		Objects.requireNonNull(demographics, "demographics");
		Objects.requireNonNull(method, "method");
		if ((personId == null) != (method == LinkMethod.REVIEW)) {
			throw new IllegalArgumentException("a record has no person exactly while its review is pending");
		}
	}

	/** True while an IG officer has not decided the record's person. */
	public boolean isPending() {
		return this.personId == null;
	}

	/** This record linked to a person. */
	public LinkedRecord linkedTo(UUID person, NhsNumber personNhs, LinkMethod how, Double weight, Instant now) {
		return new LinkedRecord(this.recordId, this.orgCode, this.localId, person, personNhs, this.submittedNhsNumber,
				this.demographics, how, weight, this.reviewId, this.createdAt, now);
	}

	/** This record waiting for the given review. */
	public LinkedRecord pending(UUID review, Double weight, Instant now) {
		return new LinkedRecord(this.recordId, this.orgCode, this.localId, null, null, this.submittedNhsNumber,
				this.demographics, LinkMethod.REVIEW, weight, review, this.createdAt, now);
	}

	/** This record with newly submitted data, link unchanged. */
	public LinkedRecord withData(NhsNumber submitted, StandardisedPerson newDemographics, Instant now) {
		return new LinkedRecord(this.recordId, this.orgCode, this.localId, this.personId, this.personNhsNumber,
				submitted, newDemographics, this.method, this.score, this.reviewId, this.createdAt, now);
	}

}
