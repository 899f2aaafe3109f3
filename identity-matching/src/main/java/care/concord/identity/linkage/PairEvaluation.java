package care.concord.identity.linkage;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Precision, recall and F1 of predicted record pairs against the true pairs (unordered
 * pairs of record ids).
 *
 * @param truePositives predicted pairs that are true
 * @param predicted all predicted pairs
 * @param actual all true pairs
 */
public record PairEvaluation(long truePositives, long predicted, long actual) {

	/**
	 * Compares predicted pairs with true pairs; each pair is an unordered pair of ids.
	 */
	public static PairEvaluation of(Collection<String> predictedPairs, Set<String> truePairs) {
		Set<String> distinct = new HashSet<>(predictedPairs);
		long tp = distinct.stream().filter(truePairs::contains).count();
		return new PairEvaluation(tp, distinct.size(), truePairs.size());
	}

	/** A canonical key for the unordered pair of two ids. */
	public static String key(String a, String b) {
		return (a.compareTo(b) <= 0) ? a + "\u0000" + b : b + "\u0000" + a;
	}

	/** Share of predicted pairs that are true; 1 when nothing was predicted. */
	public double precision() {
		return this.predicted == 0 ? 1 : (double) this.truePositives / this.predicted;
	}

	/** Share of true pairs that were predicted; 1 when there are none. */
	public double recall() {
		return this.actual == 0 ? 1 : (double) this.truePositives / this.actual;
	}

	/** Harmonic mean of precision and recall. */
	public double f1() {
		double p = precision();
		double r = recall();
		return (p + r == 0) ? 0 : 2 * p * r / (p + r);
	}

}
