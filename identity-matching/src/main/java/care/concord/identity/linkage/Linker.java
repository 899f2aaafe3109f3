package care.concord.identity.linkage;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.matching.blocking.BlockingScheme;
import care.concord.identity.matching.blocking.CandidatePairs;
import care.concord.identity.matching.scoring.MatchClass;
import care.concord.identity.matching.scoring.MatchModel;
import care.concord.identity.matching.scoring.PairScorer;
import care.concord.identity.matching.scoring.TermFrequencies;

/**
 * Batch record linkage: blocking, Fellegi–Sunter scoring and, for de-duplication,
 * clustering.
 */
public final class Linker {

	/**
	 * Largest person cluster de-duplication will form; no real person has more records in
	 * one file.
	 */
	public static final int MAX_CLUSTER = 50;

	/**
	 * Bits by which the best of several matches of one record must beat the next to be
	 * linked.
	 */
	public static final double AMBIGUITY_MARGIN = 8;

	private final MatchModel model;

	private final BlockingScheme scheme;

	private final boolean useIdentifier;

	private final int maxBlock;

	private final boolean householdRules;

	/**
	 * @param model the model to score with
	 * @param useIdentifier whether the shared identifier is evidence (and a blocking
	 * pass)
	 */
	public Linker(MatchModel model, boolean useIdentifier) {
		this(model, BlockingScheme.standard(useIdentifier), useIdentifier, CandidatePairs.DEFAULT_MAX_BLOCK);
	}

	/** A linker with an explicit blocking scheme and block-size cap. */
	public Linker(MatchModel model, BlockingScheme scheme, boolean useIdentifier, int maxBlock) {
		this(model, scheme, useIdentifier, maxBlock, true);
	}

	private Linker(MatchModel model, BlockingScheme scheme, boolean useIdentifier, int maxBlock,
			boolean householdRules) {
		this.householdRules = householdRules;
		this.model = model;
		this.scheme = scheme;
		this.useIdentifier = useIdentifier;
		this.maxBlock = maxBlock;
	}

	/**
	 * This linker with or without the household rules (see {@link PairScorer#caution});
	 * without them only for populations known to hold no relatives.
	 */
	public Linker withHouseholdRules(boolean on) {
		return new Linker(this.model, this.scheme, this.useIdentifier, this.maxBlock, on);
	}

	/** The blocking scheme in use. */
	public BlockingScheme scheme() {
		return this.scheme;
	}

	/** Every candidate pair of two lists with its score, in candidate order. */
	public List<ScoredPair> scoreLink(List<StandardisedPerson> left, List<StandardisedPerson> right) {
		List<StandardisedPerson> all = new ArrayList<>(left);
		all.addAll(right);
		PairScorer scorer = new PairScorer(this.model, TermFrequencies.of(all), this.useIdentifier,
				this.householdRules);
		long[] pairs = CandidatePairs.link(left, right, this.scheme, this.maxBlock);
		List<ScoredPair> out = new ArrayList<>(pairs.length);
		for (long p : pairs) {
			int i = CandidatePairs.left(p);
			int j = CandidatePairs.right(p);
			double s = scorer.score(left.get(i), right.get(j));
			out.add(new ScoredPair(i, j, s, this.model.classify(s)));
		}
		return out;
	}

	/**
	 * Pairs across two lists predicted to be the same person: candidates at or above the
	 * match threshold, best first. A right record that matches several left records none
	 * of which stands out by {@link #AMBIGUITY_MARGIN} bits (twins when the given name is
	 * missing) is left for review: none of its pairs is a match.
	 */
	public List<ScoredPair> link(List<StandardisedPerson> left, List<StandardisedPerson> right) {
		Map<Integer, List<ScoredPair>> byRight = new HashMap<>();
		for (ScoredPair p : scoreLink(left, right)) {
			if (p.matchClass() == MatchClass.MATCH) {
				byRight.computeIfAbsent(p.right(), (k) -> new ArrayList<>()).add(p);
			}
		}
		List<ScoredPair> out = new ArrayList<>();
		for (List<ScoredPair> matches : byRight.values()) {
			matches.sort(Comparator.comparingDouble(ScoredPair::score).reversed());
			if (matches.size() == 1 || matches.get(1).score() < matches.get(0).score() - AMBIGUITY_MARGIN) {
				out.add(matches.get(0));
			}
		}
		out.sort(Comparator.comparingDouble(ScoredPair::score).reversed());
		return out;
	}

	/** Every candidate pair within one list with its score. */
	public List<ScoredPair> scoreDedupe(List<StandardisedPerson> records) {
		PairScorer scorer = new PairScorer(this.model, TermFrequencies.of(records), this.useIdentifier,
				this.householdRules);
		long[] pairs = CandidatePairs.dedupe(records, this.scheme, this.maxBlock);
		List<ScoredPair> out = new ArrayList<>(pairs.length);
		for (long p : pairs) {
			int i = CandidatePairs.left(p);
			int j = CandidatePairs.right(p);
			double s = scorer.score(records.get(i), records.get(j));
			out.add(new ScoredPair(i, j, s, this.model.classify(s)));
		}
		return out;
	}

	/**
	 * De-duplicates one list: clusters match edges without chaining (see
	 * {@link Clusterer}, cluster floor = the review threshold) and returns every pair
	 * inside a cluster with its own score, ordered by position.
	 */
	public List<ScoredPair> dedupe(List<StandardisedPerson> records) {
		PairScorer scorer = new PairScorer(this.model, TermFrequencies.of(records), this.useIdentifier,
				this.householdRules);
		List<ScoredPair> edges = new ArrayList<>();
		Map<Long, Double> known = new HashMap<>();
		for (ScoredPair p : scoreDedupe(records)) {
			if (p.matchClass() == MatchClass.MATCH) {
				edges.add(p);
			}
			known.put(CandidatePairs.pack(p.left(), p.right()), p.score());
		}
		Clusterer.PairScore pairScore = (i, j) -> known.computeIfAbsent(
				CandidatePairs.pack(Math.min(i, j), Math.max(i, j)), k -> scorer.score(records.get(i), records.get(j)));
		int[] cluster = Clusterer.cluster(records.size(), edges, pairScore, this.model.reviewThreshold(), MAX_CLUSTER);
		Map<Integer, List<Integer>> groups = new HashMap<>();
		for (int i = 0; i < cluster.length; i++) {
			if (cluster[i] != i || groups.containsKey(i)) {
				groups.computeIfAbsent(cluster[i], k -> new ArrayList<>()).add(i);
			}
		}
		List<ScoredPair> out = new ArrayList<>();
		for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
			List<Integer> members = new ArrayList<>(g.getValue());
			if (!members.contains(g.getKey())) {
				members.add(g.getKey());
			}
			members.sort(null);
			for (int x = 0; x < members.size(); x++) {
				for (int y = x + 1; y < members.size(); y++) {
					int i = members.get(x);
					int j = members.get(y);
					double s = pairScore.score(i, j);
					out.add(new ScoredPair(i, j, s, this.model.classify(s)));
				}
			}
		}
		out.sort(Comparator.comparingInt(ScoredPair::left).thenComparingInt(ScoredPair::right));
		return out;
	}

}
