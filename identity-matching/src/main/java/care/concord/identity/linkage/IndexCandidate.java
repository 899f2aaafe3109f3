package care.concord.identity.linkage;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.scoring.MatchClass;

/**
 * A person found by {@link PersonIndex#lookup}: the indexed record, its match weight
 * against the query, the posterior probability under the model's prior, and the class.
 *
 * @param id the indexed record's id
 * @param score match weight in bits
 * @param probability posterior match probability
 * @param matchClass the model's conclusion
 * @param person the indexed record as standardised
 */
public record IndexCandidate(String id, double score, double probability, MatchClass matchClass,
		StandardisedPerson person) {
}
