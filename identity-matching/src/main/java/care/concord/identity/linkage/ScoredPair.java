package care.concord.identity.linkage;

import care.concord.identity.matching.scoring.MatchClass;

/**
 * A compared pair of records by their positions in the input lists, with its match weight
 * and class.
 *
 * @param left position in the left (or only) list
 * @param right position in the right list (in de-duplication, the same list,
 * {@code left < right})
 * @param score match weight in bits
 * @param matchClass the model's conclusion
 */
public record ScoredPair(int left, int right, double score, MatchClass matchClass) {
}
