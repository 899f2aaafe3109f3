package care.concord.server.consent.review;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A break-glass access as the IG officer's review queue shows it: the audit record of the
 * permit and, once reviewed, the review.
 *
 * @param auditSeq the audit record's sequence number, the queue entry's id
 * @param time when the access was decided
 * @param agency the requesting organisation's code
 * @param clientId the requesting system
 * @param username the signed-in person, when the request came with one
 * @param practitioner who broke the glass: the practitioner's identifier at the
 * requesting agency (the audit record's {@code on_behalf_of}), when the agency's system
 * gave it
 * @param role the practitioner's role
 * @param subject the citizen's NHS number
 * @param holder the organisation holding the data
 * @param category the data category
 * @param purpose the purpose of use
 * @param breakGlassReason the reason the practitioner gave
 * @param review the review, or null while unreviewed
 */
public record BreakGlassAccess(@JsonProperty("audit_seq") long auditSeq, Instant time, String agency,
		@JsonProperty("client_id") String clientId, String username, String practitioner, String role,
		@JsonProperty("nhs_number") String subject, String holder, String category, String purpose,
		@JsonProperty("break_glass_reason") String breakGlassReason, Review review) {

	/**
	 * An IG officer's review of a break-glass access.
	 *
	 * @param justified whether the officer found the access justified
	 * @param comment the officer's comment
	 * @param reviewer the officer's username
	 * @param reviewedAt when they reviewed it
	 * @param reviewAuditSeq the audit record of the review
	 */
	public record Review(boolean justified, String comment, String reviewer,
			@JsonProperty("reviewed_at") Instant reviewedAt, @JsonProperty("review_audit_seq") Long reviewAuditSeq) {
	}

}
