package care.concord.server.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the identity service ({@code concord.identity.*}). Thresholds are match
 * weights in bits; when not set they come from the shipped model
 * ({@code MatchModel.loadDefault()}: match 12, review 4).
 *
 * @param matchThreshold weight at or above which a record is linked to a person
 * automatically (default: model)
 * @param reviewThreshold weight at or above which a record goes to an IG officer
 * (default: model)
 * @param nhsNumberConflictThreshold a submitted NHS number Concord knows is trusted only
 * when the demographics score at least this against one of that person's records; below
 * it the record goes to review (default: the review threshold, i.e. the model would call
 * the demographics a non-match)
 * @param maxBlockSize blocking keys shared by more records than this are not read (they
 * separate nothing and would make a look-up slow; other keys still find the candidates)
 * @param maxCandidates most candidate records scored for one submission
 * @param maxPageSize largest page of the review queue
 */
@ConfigurationProperties("concord.identity")
public record IdentityProperties(Double matchThreshold, Double reviewThreshold, Double nhsNumberConflictThreshold,
		@DefaultValue("1000") int maxBlockSize, @DefaultValue("5000") int maxCandidates,
		@DefaultValue("100") int maxPageSize) {

	public IdentityProperties {
		if (maxBlockSize < 1 || maxCandidates < 1 || maxPageSize < 1) {
			throw new IllegalArgumentException("concord.identity limits must be positive");
		}
		if (matchThreshold != null && reviewThreshold != null && reviewThreshold > matchThreshold) {
			throw new IllegalArgumentException("concord.identity.review-threshold is above the match threshold");
		}
	}

}
