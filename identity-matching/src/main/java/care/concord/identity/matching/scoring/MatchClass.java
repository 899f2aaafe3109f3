package care.concord.identity.matching.scoring;

/**
 * What the model concludes about a pair from its match weight and the model's two
 * thresholds.
 */
public enum MatchClass {

	/** Weight at or above the match threshold: the same person. */
	MATCH,
	/** Between the thresholds: a person should look. */
	REVIEW,
	/** Below the review threshold: different people. */
	NON_MATCH

}
