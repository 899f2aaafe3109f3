package care.concord.identity.matching.scoring;

import java.util.List;

/**
 * Why a pair scored what it did: every comparison's level and weight, the caution that
 * held it for review, the resulting weight and class. What an IG officer reads to decide
 * a review.
 *
 * @param items one per comparison in use, in comparison order
 * @param sum the sum of the weights (with term-frequency adjustments)
 * @param score the pair's weight: the sum, or just below the match threshold when a
 * caution holds it
 * @param caution why the pair is held for review, or {@code null}
 * @param matchClass the class of the score
 */
public record Evidence(List<Item> items, double sum, double score, Caution caution, MatchClass matchClass) {

	public Evidence {
		items = List.copyOf(items);
	}

	/**
	 * One comparison's contribution.
	 *
	 * @param comparison the comparison
	 * @param level the level's name, or {@code MISSING} when either record lacks the
	 * field
	 * @param weight bits for (positive) or against (negative) the same person,
	 * term-frequency adjustment included
	 * @param termFrequencyAdjustment the part of the weight due to how common the
	 * agreeing value is
	 */
	public record Item(Comparison comparison, String level, double weight, double termFrequencyAdjustment) {
	}

}
