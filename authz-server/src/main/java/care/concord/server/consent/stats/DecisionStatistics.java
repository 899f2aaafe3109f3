package care.concord.server.consent.stats;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Decision statistics over a period, for IG officers: decisions over time by outcome and
 * reason, totals by outcome, reason, agency and purpose, break-glass counts, and identity
 * matches awaiting review.
 *
 * @param from start of the period (inclusive)
 * @param to end of the period (exclusive)
 * @param bucket the bucket width, {@code hour} or {@code day}
 * @param timeline one entry per bucket, in time order, empty buckets included
 * @param byOutcome decisions per outcome ({@code permit}, {@code deny}, {@code error})
 * @param byReason decisions per outcome and reason, most frequent first
 * @param byAgency decisions per requesting agency, most active first
 * @param byPurpose decisions per purpose of use
 * @param breakGlass break-glass counts
 * @param identityMatchesAwaitingReview identity links waiting for an IG officer
 */
public record DecisionStatistics(Instant from, Instant to, String bucket, List<TimeBucket> timeline,
		@JsonProperty("by_outcome") Map<String, Long> byOutcome, @JsonProperty("by_reason") List<ReasonCount> byReason,
		@JsonProperty("by_agency") List<OutcomeCounts> byAgency,
		@JsonProperty("by_purpose") List<OutcomeCounts> byPurpose,
		@JsonProperty("break_glass") BreakGlassCounts breakGlass,
		@JsonProperty("identity_matches_awaiting_review") IdentityReviews identityMatchesAwaitingReview) {

	/**
	 * Decisions in one time bucket.
	 *
	 * @param start the bucket's start
	 * @param total all decisions in the bucket
	 * @param byOutcome per outcome
	 * @param byReason per reason code
	 */
	public record TimeBucket(Instant start, long total, @JsonProperty("by_outcome") Map<String, Long> byOutcome,
			@JsonProperty("by_reason") Map<String, Long> byReason) {
	}

	/**
	 * Decisions with one outcome and reason.
	 *
	 * @param outcome permit, deny or error
	 * @param reason the reason or error code
	 * @param count how many
	 */
	public record ReasonCount(String outcome, String reason, long count) {
	}

	/**
	 * Decisions of one agency or purpose, per outcome.
	 *
	 * @param key the agency code or purpose code ({@code null} when unknown)
	 * @param total all decisions
	 * @param permit permits
	 * @param deny denies
	 * @param error errors
	 */
	public record OutcomeCounts(String key, long total, long permit, long deny, long error) {
	}

	/**
	 * Break-glass accesses in the period.
	 *
	 * @param total every break-glass request
	 * @param permitted those permitted
	 * @param denied those denied (no emergency purpose, blank reason)
	 * @param unreviewed permitted and not yet reviewed
	 * @param justified reviewed and found justified
	 * @param unjustified reviewed and found not justified
	 */
	public record BreakGlassCounts(long total, long permitted, long denied, long unreviewed, long justified,
			long unjustified) {
	}

	/**
	 * Identity matches waiting for an IG officer's review.
	 *
	 * @param available false when the identity feature is not deployed (then
	 * {@code count} is 0)
	 * @param count how many reviews are pending
	 */
	public record IdentityReviews(boolean available, long count) {
	}

}
