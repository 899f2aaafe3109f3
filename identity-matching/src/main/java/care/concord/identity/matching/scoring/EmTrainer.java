package care.concord.identity.matching.scoring;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.blocking.CandidatePairs;

/**
 * Estimates a {@link MatchModel} from unlabelled data, the way Splink does: u from
 * comparison levels of random record pairs (almost all of which are non-matches), then m
 * and the prior by expectation–maximisation over the blocked candidate pairs with u held
 * fixed.
 *
 * <p>
 * EM estimates parameters, not decisions: the caller chooses the match and review
 * thresholds (in bits of match weight) that the returned model carries.
 *
 * @see <a href=
 * "https://moj-analytical-services.github.io/splink/topic_guides/training/estimating_model_parameters.html">Splink:
 * estimating model parameters</a>
 */
public final class EmTrainer {

	/** Default number of random pairs sampled for u. */
	public static final int DEFAULT_RANDOM_PAIRS = 200_000;

	private static final Comparison[] ALL = Comparison.values();

	private final Set<Comparison> comparisons;

	private final Set<Comparison> termFrequency;

	private final int randomPairs;

	private final long seed;

	private final int maxIterations;

	private int iterations;

	/**
	 * @param comparisons comparisons to estimate (others are absent from the model)
	 * @param termFrequency comparisons to adjust by term frequency when scoring
	 * @param randomPairs how many random pairs to sample for u
	 * @param seed random seed, so training is reproducible
	 */
	public EmTrainer(Set<Comparison> comparisons, Set<Comparison> termFrequency, int randomPairs, long seed) {
		this.comparisons = comparisons;
		this.termFrequency = termFrequency;
		this.randomPairs = randomPairs;
		this.seed = seed;
		this.maxIterations = 200;
	}

	/** EM iterations the last {@link #train} needed to converge. */
	public int iterations() {
		return this.iterations;
	}

	/**
	 * Trains on one population.
	 * @param records the records
	 * @param candidates packed candidate pairs into {@code records} (see
	 * {@link CandidatePairs})
	 * @param matchThreshold match weight at which a pair becomes a match
	 * @param reviewThreshold match weight at which a pair needs review
	 */
	public MatchModel train(List<StandardisedPerson> records, long[] candidates, double matchThreshold,
			double reviewThreshold) {
		if (records.size() < 2) {
			throw new IllegalArgumentException("training needs at least two records");
		}
		double[][] u = estimateU(records);
		Map<Long, int[]> patterns = new HashMap<>();
		for (long pair : candidates) {
			StandardisedPerson a = records.get(CandidatePairs.left(pair));
			StandardisedPerson b = records.get(CandidatePairs.right(pair));
			patterns.computeIfAbsent(pattern(a, b), k -> new int[1])[0]++;
		}
		return em(patterns, u, matchThreshold, reviewThreshold);
	}

	private double[][] estimateU(List<StandardisedPerson> records) {
		Random random = new Random(this.seed);
		double[][] counts = new double[ALL.length][];
		for (Comparison c : this.comparisons) {
			counts[c.ordinal()] = new double[c.levelCount()];
		}
		int n = records.size();
		for (int s = 0; s < this.randomPairs; s++) {
			int i = random.nextInt(n);
			int j = random.nextInt(n - 1);
			if (j >= i) {
				j++;
			}
			StandardisedPerson a = records.get(i);
			StandardisedPerson b = records.get(j);
			for (Comparison c : this.comparisons) {
				int level = c.level(a, b);
				if (level >= 0) {
					counts[c.ordinal()][level]++;
				}
			}
		}
		double[][] u = new double[ALL.length][];
		for (Comparison c : this.comparisons) {
			u[c.ordinal()] = normalise(counts[c.ordinal()], 0.5);
		}
		return u;
	}

	// Additive smoothing: a level never seen among random pairs (an exact date match) is
	// rare, not impossible.
	private static double[] normalise(double[] counts, double pseudo) {
		double total = 0;
		for (double c : counts) {
			total += c + pseudo;
		}
		double[] p = new double[counts.length];
		for (int i = 0; i < counts.length; i++) {
			p[i] = (counts[i] + pseudo) / total;
		}
		return p;
	}

	private long pattern(StandardisedPerson a, StandardisedPerson b) {
		long key = 0;
		for (Comparison c : this.comparisons) {
			key |= (long) (c.level(a, b) + 1) << (4 * c.ordinal());
		}
		return key;
	}

	private static int level(long pattern, Comparison c) {
		return (int) ((pattern >>> (4 * c.ordinal())) & 0xf) - 1;
	}

	private MatchModel em(Map<Long, int[]> patterns, double[][] u, double matchThreshold, double reviewThreshold) {
		int size = patterns.size();
		long[] keys = new long[size];
		double[] weights = new double[size];
		int k = 0;
		for (Map.Entry<Long, int[]> e : patterns.entrySet()) {
			keys[k] = e.getKey();
			weights[k++] = e.getValue()[0];
		}
		double[][] m = new double[ALL.length][];
		for (Comparison c : this.comparisons) {
			// start from "agreement is likely among matches": best level 0.8, the rest
			// decreasing
			double[] init = new double[c.levelCount()];
			for (int l = 0; l < init.length; l++) {
				init[l] = (l == 0) ? 0.8 * (init.length - 1) * init.length / 2.0 : (init.length - l);
			}
			m[c.ordinal()] = normalise(init, 0);
		}
		Comparison[] used = this.comparisons.toArray(new Comparison[0]);
		int[][] levels = new int[size][used.length];
		for (int i = 0; i < size; i++) {
			for (int c = 0; c < used.length; c++) {
				levels[i][c] = level(keys[i], used[c]);
			}
		}
		double[][] logU = new double[used.length][];
		for (int c = 0; c < used.length; c++) {
			double[] uc = u[used[c].ordinal()];
			logU[c] = new double[uc.length];
			for (int l = 0; l < uc.length; l++) {
				logU[c][l] = Math.log(uc[l]);
			}
		}
		double lambda = 0.3;
		double[] posterior = new double[size];
		double[][] logM = new double[used.length][];
		this.iterations = 0;
		for (int it = 0; it < this.maxIterations; it++) {
			this.iterations = it + 1;
			for (int c = 0; c < used.length; c++) {
				double[] mc = m[used[c].ordinal()];
				logM[c] = new double[mc.length];
				for (int l = 0; l < mc.length; l++) {
					logM[c][l] = Math.log(mc[l]);
				}
			}
			double matched = 0;
			double total = 0;
			double logLambda = Math.log(lambda);
			double logNot = Math.log(1 - lambda);
			for (int i = 0; i < size; i++) {
				double lm = logLambda;
				double lu = logNot;
				int[] lv = levels[i];
				for (int c = 0; c < used.length; c++) {
					int l = lv[c];
					if (l >= 0) {
						lm += logM[c][l];
						lu += logU[c][l];
					}
				}
				posterior[i] = 1 / (1 + Math.exp(lu - lm));
				matched += posterior[i] * weights[i];
				total += weights[i];
			}
			double change = Math.abs(matched / total - lambda);
			// kept inside (0, 1) with room to spare, so the written model (8 significant
			// digits) stays valid
			lambda = Math.min(1 - 1e-6, Math.max(1e-6, matched / total));
			for (int c = 0; c < used.length; c++) {
				double[] counts = new double[used[c].levelCount()];
				for (int i = 0; i < size; i++) {
					int l = levels[i][c];
					if (l >= 0) {
						counts[l] += posterior[i] * weights[i];
					}
				}
				double[] next = normalise(counts, 1e-3);
				double[] prev = m[used[c].ordinal()];
				for (int l = 0; l < next.length; l++) {
					change = Math.max(change, Math.abs(next[l] - prev[l]));
				}
				m[used[c].ordinal()] = next;
			}
			if (change < 1e-7) {
				break;
			}
		}
		return new MatchModel(m, u, lambda, matchThreshold, reviewThreshold, this.termFrequency);
	}

}
