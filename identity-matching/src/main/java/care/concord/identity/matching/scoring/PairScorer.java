package care.concord.identity.matching.scoring;

import care.concord.identity.demographics.StandardisedPerson;

/**
 * Scores a record pair with a {@link MatchModel}: the sum of the level weights of every comparison, the weight
 * of an exact name agreement adjusted by how common the name is.
 *
 * <p>Immutable apart from the {@link TermFrequencies} it reads; safe for concurrent use when those are not
 * being added to.
 */
public final class PairScorer {

	/** Bounds on the term-frequency adjustment, so that one name can neither swamp nor veto the evidence. */
	static final double MIN_TF_ADJUSTMENT = -8;

	static final double MAX_TF_ADJUSTMENT = 4;

	/**
	 * Bits a given-name, date-of-birth or identifier level must carry to count as agreement for the household
	 * rule: "born in the same month" or "names 0.8 alike" is what two relatives have in common too.
	 */
	static final double PERSONAL_EVIDENCE = 3;

	private static final Comparison[] ALL = Comparison.values();

	private final MatchModel model;

	private final TermFrequencies frequencies;

	private final boolean[] active;

	/**
	 * @param model the trained model
	 * @param frequencies value frequencies of the population being matched ({@code null}: no adjustment)
	 * @param useIdentifier whether the shared identifier counts as evidence
	 */
	public PairScorer(MatchModel model, TermFrequencies frequencies, boolean useIdentifier) {
		this.model = model;
		this.frequencies = frequencies;
		this.active = new boolean[ALL.length];
		for (Comparison c : ALL) {
			this.active[c.ordinal()] = model.uses(c) && (useIdentifier || c != Comparison.IDENTIFIER);
		}
	}

	/** The model. */
	public MatchModel model() {
		return this.model;
	}

	/**
	 * The match weight of the pair, in bits.
	 *
	 * <p>One rule sits on top of Fellegi–Sunter: when none of given name, date of birth and identifier agrees
	 * (not even approximately) and at least two of them are present and disagree, the weight is capped just below
	 * the match threshold, so the pair can be {@link MatchClass#REVIEW} at best. Two people of one household share family name and address, and
	 * models trained on data without households (FEBRL) would otherwise call them one person.
	 */
	public double score(StandardisedPerson a, StandardisedPerson b) {
		double total = 0;
		boolean personal = false;
		int personalDisagreements = 0;
		for (Comparison c : ALL) {
			if (!this.active[c.ordinal()]) {
				continue;
			}
			int level = c.level(a, b);
			if (level == Comparison.MISSING) {
				continue;
			}
			double w = this.model.weight(c, level);
			if (c == Comparison.GIVEN_NAME || c == Comparison.DATE_OF_BIRTH || c == Comparison.IDENTIFIER) {
				personal |= w >= PERSONAL_EVIDENCE;
				personalDisagreements += (w >= PERSONAL_EVIDENCE) ? 0 : 1;
			}
			total += w;
			if (level == 0 && this.frequencies != null && this.model.adjustsTermFrequency(c)) {
				total += termFrequencyAdjustment(c, c.termValue(a));
			}
		}
		if (!personal && personalDisagreements >= 2 && total >= this.model.matchThreshold()) {
			return Math.nextDown(this.model.matchThreshold());
		}
		return total;
	}

	/** The level of every comparison for the pair (index by ordinal), {@link Comparison#MISSING} when inactive. */
	public int[] levels(StandardisedPerson a, StandardisedPerson b) {
		int[] levels = new int[ALL.length];
		for (Comparison c : ALL) {
			levels[c.ordinal()] = this.active[c.ordinal()] ? c.level(a, b) : Comparison.MISSING;
		}
		return levels;
	}

	private double termFrequencyAdjustment(Comparison c, String value) {
		double f = this.frequencies.frequency(c, value);
		if (Double.isNaN(f)) {
			return 0;
		}
		double adjustment = MatchModel.log2(this.model.u(c, 0) / f);
		return Math.max(MIN_TF_ADJUSTMENT, Math.min(MAX_TF_ADJUSTMENT, adjustment));
	}

	/** The class of the pair under the model's thresholds. */
	public MatchClass classify(double score) {
		return this.model.classify(score);
	}

}
