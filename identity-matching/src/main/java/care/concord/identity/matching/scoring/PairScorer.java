package care.concord.identity.matching.scoring;

import java.util.ArrayList;
import java.util.List;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.comparators.DamerauLevenshtein;
import care.concord.identity.matching.comparators.DateComparator;
import care.concord.identity.matching.comparators.JaroWinkler;

/**
 * Scores a record pair with a {@link MatchModel}: the sum of the level weights of every
 * comparison, the weight of an exact name agreement adjusted by how common the name is,
 * held just below the match threshold when a {@link Caution} says the two records are two
 * people (a wrong link is worse than a review).
 *
 * <p>
 * Immutable apart from the {@link TermFrequencies} it reads; safe for concurrent use when
 * those are not being added to.
 */
public final class PairScorer {

	/**
	 * Bounds on the term-frequency adjustment, so that one name can neither swamp nor
	 * veto the evidence.
	 */
	static final double MIN_TF_ADJUSTMENT = -8;

	static final double MAX_TF_ADJUSTMENT = 4;

	/**
	 * Bits a given-name, date-of-birth or identifier level must carry to count as
	 * agreement for the household rule: "born in the same month" or "names 0.8 alike" is
	 * what two relatives have in common too.
	 */
	static final double PERSONAL_EVIDENCE = 3;

	private static final Comparison[] ALL = Comparison.values();

	private static final int OTHER_IDENTIFIER = Comparison.IDENTIFIER.levelIndex("ELSE");

	private static final int OTHER_GIVEN_NAME = Comparison.GIVEN_NAME.levelIndex("ELSE");

	private static final int OTHER_DATE_OF_BIRTH = Comparison.DATE_OF_BIRTH.levelIndex("ELSE");

	private static final int SAME_YEAR_MONTH = Comparison.DATE_OF_BIRTH.levelIndex("SAME_YEAR_MONTH");

	private static final int DOB_TWO_EDITS = Comparison.DATE_OF_BIRTH.levelIndex("TWO_EDITS");

	private static final int GIVEN_JW_0_80 = Comparison.GIVEN_NAME.levelIndex("JW_0_80");

	private final MatchModel model;

	private final TermFrequencies frequencies;

	private final boolean[] active;

	private final boolean householdRules;

	/**
	 * @param model the trained model
	 * @param frequencies value frequencies of the population being matched ({@code null}:
	 * no adjustment)
	 * @param useIdentifier whether the shared identifier counts as evidence
	 */
	public PairScorer(MatchModel model, TermFrequencies frequencies, boolean useIdentifier) {
		this(model, frequencies, useIdentifier, true);
	}

	/**
	 * @param model the trained model
	 * @param frequencies value frequencies of the population being matched ({@code null}:
	 * no adjustment)
	 * @param useIdentifier whether the shared identifier counts as evidence
	 * @param householdRules whether the population has relatives in it, so that another
	 * given name or date of birth holds a pair for review ({@code false} only for data
	 * known to hold no relatives, such as FEBRL, whose duplicates carry unrelated
	 * replacement given names)
	 */
	public PairScorer(MatchModel model, TermFrequencies frequencies, boolean useIdentifier, boolean householdRules) {
		this.householdRules = householdRules;
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
	 * The match weight of the pair, in bits: the sum of the level weights, or just below
	 * the match threshold when a {@link Caution} holds the pair for review (see
	 * {@link #caution}).
	 */
	public double score(StandardisedPerson a, StandardisedPerson b) {
		return evaluate(a, b, null);
	}

	/**
	 * The pair's score with every comparison's level and weight and the caution applied,
	 * for an IG officer.
	 */
	public Evidence explain(StandardisedPerson a, StandardisedPerson b) {
		List<Evidence.Item> items = new ArrayList<>();
		double score = evaluate(a, b, items);
		double sum = 0;
		for (Evidence.Item item : items) {
			sum += item.weight();
		}
		Caution caution = (score < sum) ? caution(a, b) : null;
		return new Evidence(items, sum, score, caution, classify(score));
	}

	private double evaluate(StandardisedPerson a, StandardisedPerson b, List<Evidence.Item> items) {
		double total = 0;
		for (Comparison c : ALL) {
			if (!this.active[c.ordinal()]) {
				continue;
			}
			int level = c.level(a, b);
			if (level == Comparison.MISSING) {
				if (items != null) {
					items.add(new Evidence.Item(c, "MISSING", 0, 0));
				}
				continue;
			}
			double w = this.model.weight(c, level);
			double tf = 0;
			if (level == 0 && this.frequencies != null && this.model.adjustsTermFrequency(c)) {
				tf = termFrequencyAdjustment(c, c.termValue(a));
			}
			total += w + tf;
			if (items != null) {
				items.add(new Evidence.Item(c, c.levels().get(level), w + tf, tf));
			}
		}
		if (total >= this.model.matchThreshold() && caution(a, b) != null) {
			return Math.nextDown(this.model.matchThreshold());
		}
		return total;
	}

	/**
	 * Why the pair, whatever its weight, is two people until an IG officer says
	 * otherwise; {@code null} when nothing holds it. In order:
	 * <ol>
	 * <li>both carry valid NHS numbers (when the identifier is evidence) and they
	 * differ;</li>
	 * <li>the identifiers agree: held only when they are valid NHS numbers and the given
	 * names and the dates of birth both clearly differ;</li>
	 * <li>with household rules: another given name (not equal, close, one edit apart, a
	 * nickname, or the other record's family name);</li>
	 * <li>with household rules: dates of birth on the same day and month a generation
	 * apart, or otherwise not a typo of each other, or only in the same month or two
	 * digits apart while the given names do not clearly agree;</li>
	 * <li>none of given name, date of birth and identifier carries
	 * {@value #PERSONAL_EVIDENCE} bits, and two of them are present and disagree.</li>
	 * </ol>
	 */
	public Caution caution(StandardisedPerson a, StandardisedPerson b) {
		boolean identifier = this.active[Comparison.IDENTIFIER.ordinal()];
		int id = identifier ? Comparison.IDENTIFIER.level(a, b) : Comparison.MISSING;
		if (id == OTHER_IDENTIFIER && Comparison.differentValidNhsNumbers(a, b)) {
			return Caution.DIFFERENT_NHS_NUMBERS;
		}
		int given = this.active[Comparison.GIVEN_NAME.ordinal()] ? Comparison.GIVEN_NAME.level(a, b)
				: Comparison.MISSING;
		int dob = this.active[Comparison.DATE_OF_BIRTH.ordinal()] ? Comparison.DATE_OF_BIRTH.level(a, b)
				: Comparison.MISSING;
		boolean otherGiven = otherGivenName(a, b, given);
		boolean otherDob = dob == OTHER_DATE_OF_BIRTH;
		if (id == 0) {
			return (otherGiven && otherDob && Comparison.isValidNhsNumber(a.identifier()))
					? Caution.NHS_NUMBER_BUT_OTHER_PERSON : null;
		}
		if (!this.householdRules) {
			return noPersonalAgreement(given, dob, id);
		}
		if (otherGiven) {
			return Caution.OTHER_GIVEN_NAME;
		}
		if (otherDob || (weakDob(dob) && !strongGiven(given))) {
			int years = DateComparator.yearsApartOnSameDay(a.dateOfBirth(), b.dateOfBirth());
			return (years >= DateComparator.GENERATION_MIN && years <= DateComparator.GENERATION_MAX)
					? Caution.GENERATION_APART : Caution.OTHER_DATE_OF_BIRTH;
		}
		return noPersonalAgreement(given, dob, id);
	}

	private Caution noPersonalAgreement(int given, int dob, int id) {
		int disagreements = 0;
		for (int[] p : new int[][] { { Comparison.GIVEN_NAME.ordinal(), given },
				{ Comparison.DATE_OF_BIRTH.ordinal(), dob }, { Comparison.IDENTIFIER.ordinal(), id } }) {
			if (p[1] != Comparison.MISSING && this.active[p[0]]) {
				if (this.model.weight(ALL[p[0]], p[1]) >= PERSONAL_EVIDENCE) {
					return null;
				}
				disagreements++;
			}
		}
		return (disagreements >= 2) ? Caution.NO_PERSONAL_AGREEMENT : null;
	}

	/**
	 * The level of every comparison for the pair (index by ordinal),
	 * {@link Comparison#MISSING} when inactive.
	 */
	public int[] levels(StandardisedPerson a, StandardisedPerson b) {
		int[] levels = new int[ALL.length];
		for (Comparison c : ALL) {
			levels[c.ordinal()] = this.active[c.ordinal()] ? c.level(a, b) : Comparison.MISSING;
		}
		return levels;
	}

	/**
	 * True when the given names and the dates of birth both clearly differ (another given
	 * name, not a typo, nickname or misplaced family name; dates not a typo of each
	 * other): another person, whatever identifier the two records share.
	 */
	public boolean otherGivenNameAndDateOfBirth(StandardisedPerson a, StandardisedPerson b) {
		return otherGivenName(a, b, Comparison.GIVEN_NAME.level(a, b))
				&& Comparison.DATE_OF_BIRTH.level(a, b) == OTHER_DATE_OF_BIRTH;
	}

	private static boolean otherGivenName(StandardisedPerson a, StandardisedPerson b, int level) {
		return level == OTHER_GIVEN_NAME && !DamerauLevenshtein.isOneEdit(a.givenName(), b.givenName())
				&& !misplaced(a, b) && !misplaced(b, a);
	}

	// a family name written in the given-name field (the other name swapped, missing or
	// mistyped) is not another
	// given name
	private static boolean misplaced(StandardisedPerson a, StandardisedPerson b) {
		return a.familyName() != null && JaroWinkler.similarity(a.familyName(), b.givenName()) >= 0.92;
	}

	// a date of birth in the same month or two digits off is what siblings and spouses
	// share too: it carries a
	// match only together with a given name that agrees
	private static boolean weakDob(int level) {
		return level == SAME_YEAR_MONTH || level == DOB_TWO_EDITS;
	}

	private static boolean strongGiven(int level) {
		return level != Comparison.MISSING && level != OTHER_GIVEN_NAME && level != GIVEN_JW_0_80;
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
