package care.concord.identity.linkage;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.blocking.BlockingScheme;
import care.concord.identity.matching.blocking.CandidatePairs;
import care.concord.identity.matching.scoring.Comparison;
import care.concord.identity.matching.scoring.EmTrainer;
import care.concord.identity.matching.scoring.MatchModel;

/**
 * Trains the standard model from unlabelled records: the demographic comparisons by EM
 * over demographic blocking (so the identifier never informs them), and, when the data
 * carries identifiers, the identifier comparison by a second EM run that also blocks on
 * it. The shipped default model is made this way from FEBRL dataset 3
 * ({@code scripts/link --dedupe --train --write-model ...}).
 */
public final class ModelTraining {

	/**
	 * Match weight (bits) at which a pair is a match. A look-up or a record in a
	 * de-duplication meets a few hundred candidates, so its prior odds for any one of
	 * them are about 2^-8; 12 bits of evidence then leave a posterior near 0.95. On
	 * FEBRL, F1 is flat between 8 and 16 bits (docs/benchmarks.md).
	 */
	public static final double MATCH_WEIGHT = 12;

	/**
	 * Match weight at which a pair needs review (posterior around 0.06 by the same
	 * reckoning).
	 */
	public static final double REVIEW_WEIGHT = 4;

	/** Seed for the random-pair sample, so training is reproducible. */
	public static final long SEED = 20261126L;

	private ModelTraining() {
	}

	/** The demographic comparisons (everything but the identifier). */
	public static Set<Comparison> demographicComparisons() {
		Set<Comparison> set = EnumSet.allOf(Comparison.class);
		set.remove(Comparison.IDENTIFIER);
		return set;
	}

	/**
	 * Comparisons whose exact level is adjusted by value frequency. Besides names this
	 * includes the coarse address parts, whose granularity differs most between
	 * populations: a FEBRL suburb is a few hundred people, "London" millions, and only
	 * the frequency in the data at hand can tell.
	 */
	public static Set<Comparison> termFrequencyComparisons() {
		return EnumSet.of(Comparison.GIVEN_NAME, Comparison.FAMILY_NAME, Comparison.STREET, Comparison.LOCALITY,
				Comparison.TOWN);
	}

	/**
	 * Trains a model.
	 * @param records the population (one file for de-duplication, both files for linkage)
	 * @param withIdentifier whether to estimate the identifier comparison too
	 */
	public static MatchModel train(List<StandardisedPerson> records, boolean withIdentifier) {
		long[] candidates = CandidatePairs.dedupe(records, BlockingScheme.standard(false),
				CandidatePairs.DEFAULT_MAX_BLOCK);
		EmTrainer trainer = new EmTrainer(demographicComparisons(), termFrequencyComparisons(),
				EmTrainer.DEFAULT_RANDOM_PAIRS, SEED);
		MatchModel model = trainer.train(records, candidates, MATCH_WEIGHT, REVIEW_WEIGHT);
		if (!withIdentifier) {
			return model;
		}
		long[] withId = CandidatePairs.dedupe(records, BlockingScheme.standard(true), CandidatePairs.DEFAULT_MAX_BLOCK);
		Set<Comparison> identifierRun = EnumSet.copyOf(demographicComparisons());
		identifierRun.add(Comparison.IDENTIFIER);
		EmTrainer all = new EmTrainer(identifierRun, termFrequencyComparisons(), EmTrainer.DEFAULT_RANDOM_PAIRS, SEED);
		MatchModel identifierModel = all.train(records, withId, MATCH_WEIGHT, REVIEW_WEIGHT);
		return model.withComparisonFrom(Comparison.IDENTIFIER, identifierModel);
	}

}
