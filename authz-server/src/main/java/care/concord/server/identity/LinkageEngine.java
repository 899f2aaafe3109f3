package care.concord.server.identity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.blocking.BlockingScheme;
import care.concord.identity.matching.scoring.Evidence;
import care.concord.identity.matching.scoring.MatchModel;
import care.concord.identity.matching.scoring.PairScorer;
import care.concord.identity.nhs.NhsNumber;

/**
 * Decides whom a local record belongs to, reading candidates from an
 * {@link IdentityStore}: the identity service's matching rules on top of
 * identity-matching's trained Fellegi–Sunter model (no EM at run time).
 * <ol>
 * <li><b>NHS number known.</b> When a person already holds the submitted NHS number, the
 * record is that person's ({@link Evaluation.Outcome#NHS_NUMBER}) if its demographics
 * score at least the NHS-number conflict threshold against one of the person's records
 * and do not differ from every one of them in both given name and date of birth;
 * otherwise it goes to review ({@link ReviewReason#NHS_NUMBER_CONFLICT}): a valid number
 * is not trusted against strongly disagreeing demographics.</li>
 * <li><b>Demographics.</b> Otherwise the record's blocking keys fetch candidate records
 * from the database; each person scores the best weight of its records. Best at or above
 * the match threshold and no other person there:
 * {@link Evaluation.Outcome#DEMOGRAPHIC_MATCH} (unless that person holds a different NHS
 * number from the one submitted: review, {@link ReviewReason#NHS_NUMBER_MISMATCH}); two
 * or more there: review, {@link ReviewReason#AMBIGUOUS_MATCH}; between the thresholds:
 * review, {@link ReviewReason#POSSIBLE_MATCH}; below:
 * {@link Evaluation.Outcome#NEW_PERSON}.</li>
 * </ol>
 * Demographics are scored with the same model and household rules as identity-matching's
 * batch linkage ({@link PairScorer}: twins, a parent and child of one name, another date
 * of birth are held for review), without the NHS number (the rules above handle it: two
 * different NHS numbers are never linked automatically) and without term-frequency
 * adjustment (a database-backed index has no population counts in memory).
 */
public final class LinkageEngine {

	private final MatchModel model;

	private final double nhsNumberConflictThreshold;

	private final int maxBlockSize;

	private final int maxCandidates;

	private final BlockingScheme scheme = BlockingScheme.standard(false);

	private final PairScorer scorer;

	/**
	 * @param model the trained model with the thresholds in force
	 * @param nhsNumberConflictThreshold below this weight a known NHS number is not
	 * trusted
	 * @param maxBlockSize keys shared by more records are not read
	 * @param maxCandidates most candidate records scored
	 */
	public LinkageEngine(MatchModel model, double nhsNumberConflictThreshold, int maxBlockSize, int maxCandidates) {
		this.model = Objects.requireNonNull(model, "model");
		this.nhsNumberConflictThreshold = nhsNumberConflictThreshold;
		this.maxBlockSize = maxBlockSize;
		this.maxCandidates = maxCandidates;
		this.scorer = new PairScorer(model, null, false);
	}

	/**
	 * An engine with the model's thresholds replaced by those configured (nulls keep the
	 * model's).
	 */
	public static LinkageEngine of(MatchModel model, IdentityProperties properties) {
		double match = (properties.matchThreshold() != null) ? properties.matchThreshold() : model.matchThreshold();
		double review = (properties.reviewThreshold() != null) ? properties.reviewThreshold()
				: Math.min(model.reviewThreshold(), match);
		double conflict = (properties.nhsNumberConflictThreshold() != null) ? properties.nhsNumberConflictThreshold()
				: review;
		return new LinkageEngine(model.withThresholds(match, review), conflict, properties.maxBlockSize(),
				properties.maxCandidates());
	}

	/** The model in force, with its thresholds. */
	public MatchModel model() {
		return this.model;
	}

	/**
	 * The blocking keys stored for a record (the demographic passes; the NHS number is
	 * looked up directly).
	 */
	public List<String> keys(StandardisedPerson person) {
		return this.scheme.keys(person);
	}

	/**
	 * The evidence for and against two records' demographics being one person, for an IG
	 * officer.
	 */
	public Evidence explain(StandardisedPerson a, StandardisedPerson b) {
		return this.scorer.explain(a, b);
	}

	/** The match weight of two records' demographics, in bits. */
	public double score(StandardisedPerson a, StandardisedPerson b) {
		return this.scorer.score(a, b);
	}

	/**
	 * Whom the record belongs to.
	 * @param store where persons and candidates are read
	 * @param query the record's demographics
	 * @param nhsNumber the submitted NHS number, or null
	 * @param excludeRecordId the stored record being re-submitted (never its own
	 * candidate), or null
	 */
	public Evaluation evaluate(IdentityStore store, StandardisedPerson query, NhsNumber nhsNumber,
			String excludeRecordId) {
		if (nhsNumber != null) {
			var holder = store.findPersonByNhsNumber(nhsNumber);
			if (holder.isPresent()) {
				return byNhsNumber(store, query, holder.get(), excludeRecordId);
			}
		}
		return byDemographics(store, query, nhsNumber, excludeRecordId);
	}

	private Evaluation byNhsNumber(IdentityStore store, StandardisedPerson query, IdentityPerson holder,
			String excludeRecordId) {
		Double best = null;
		boolean otherPerson = true;
		for (LinkedRecord record : store.recordsOfPerson(holder.personId())) {
			if (!record.recordId().equals(excludeRecordId)) {
				double s = score(query, record.demographics());
				best = (best == null) ? s : Math.max(best, s);
				otherPerson &= this.scorer.otherGivenNameAndDateOfBirth(query, record.demographics());
			}
		}
		if (best == null || (best >= this.nhsNumberConflictThreshold && !otherPerson)) {
			return Evaluation.linked(Evaluation.Outcome.NHS_NUMBER, holder.personId(), best);
		}
		return Evaluation.review(ReviewReason.NHS_NUMBER_CONFLICT, holder.personId(), best);
	}

	private Evaluation byDemographics(IdentityStore store, StandardisedPerson query, NhsNumber nhsNumber,
			String excludeRecordId) {
		Map<UUID, Double> bestPerPerson = new HashMap<>();
		Map<UUID, NhsNumber> nhsPerPerson = new HashMap<>();
		for (LinkedRecord candidate : store.candidates(keys(query), excludeRecordId, this.maxBlockSize,
				this.maxCandidates)) {
			double s = score(query, candidate.demographics());
			bestPerPerson.merge(candidate.personId(), s, Math::max);
			if (candidate.personNhsNumber() != null) {
				nhsPerPerson.put(candidate.personId(), candidate.personNhsNumber());
			}
		}
		UUID top = null;
		double topScore = Double.NEGATIVE_INFINITY;
		double secondScore = Double.NEGATIVE_INFINITY;
		for (Map.Entry<UUID, Double> entry : bestPerPerson.entrySet()) {
			double s = entry.getValue();
			if (s > topScore || (s == topScore && entry.getKey().compareTo(top) < 0)) {
				secondScore = topScore;
				top = entry.getKey();
				topScore = s;
			}
			else if (s > secondScore) {
				secondScore = s;
			}
		}
		if (top == null) {
			return Evaluation.newPerson(null);
		}
		if (topScore < this.model.reviewThreshold()) {
			return Evaluation.newPerson(topScore);
		}
		if (topScore < this.model.matchThreshold()) {
			return Evaluation.review(ReviewReason.POSSIBLE_MATCH, top, topScore);
		}
		if (secondScore >= this.model.matchThreshold()) {
			return Evaluation.review(ReviewReason.AMBIGUOUS_MATCH, top, topScore);
		}
		NhsNumber held = nhsPerPerson.get(top);
		if (nhsNumber != null && held != null && !held.equals(nhsNumber)) {
			return Evaluation.review(ReviewReason.NHS_NUMBER_MISMATCH, top, topScore);
		}
		return Evaluation.linked(Evaluation.Outcome.DEMOGRAPHIC_MATCH, top, topScore);
	}

	/**
	 * What the engine concluded.
	 *
	 * @param outcome the kind of conclusion
	 * @param personId the person linked to (or proposed, for a review); null for a new
	 * person
	 * @param score the match weight behind it, or null when nothing was scored
	 * @param reviewReason why a review is needed; null unless the outcome is
	 * {@link Outcome#REVIEW}
	 */
	public record Evaluation(Outcome outcome, UUID personId, Double score, ReviewReason reviewReason) {

		/** The kinds of conclusion. */
		public enum Outcome {

			/** The known NHS number, demographics consistent. */
			NHS_NUMBER,
			/** One person matched on demographics. */
			DEMOGRAPHIC_MATCH,
			/** An IG officer must decide. */
			REVIEW,
			/** Nobody matched. */
			NEW_PERSON

		}

		static Evaluation linked(Outcome outcome, UUID person, Double score) {
			return new Evaluation(outcome, person, score, null);
		}

		static Evaluation review(ReviewReason reason, UUID proposed, Double score) {
			return new Evaluation(Outcome.REVIEW, proposed, score, reason);
		}

		static Evaluation newPerson(Double bestScore) {
			return new Evaluation(Outcome.NEW_PERSON, null, bestScore, null);
		}

		/** The link method a record gets from this outcome. */
		public LinkMethod method() {
			return switch (this.outcome) {
				case NHS_NUMBER -> LinkMethod.NHS_NUMBER;
				case DEMOGRAPHIC_MATCH -> LinkMethod.DEMOGRAPHIC_MATCH;
				case REVIEW -> LinkMethod.REVIEW;
				case NEW_PERSON -> LinkMethod.NEW_PERSON;
			};
		}

	}

}
