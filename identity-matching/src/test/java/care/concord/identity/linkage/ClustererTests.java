package care.concord.identity.linkage;

import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.matching.scoring.MatchClass;

import static org.assertj.core.api.Assertions.assertThat;

class ClustererTests {

	// pairwise scores of four records: 0~1 and 1~2 are strong, 0 and 2 are clearly
	// different people
	private final double[][] scores = { { 0, 20, -10, -30 }, { 20, 0, 18, -30 }, { -10, 18, 0, -30 },
			{ -30, -30, -30, 0 } };

	private final Clusterer.PairScore scorer = (i, j) -> this.scores[i][j];

	private static ScoredPair edge(int a, int b, double s) {
		return new ScoredPair(a, b, s, MatchClass.MATCH);
	}

	@Test
	void clusterWhenChainJoinsDistinctPeopleThenChainBrokenAtWeakestLink() {
		int[] cluster = Clusterer.cluster(4, List.of(edge(0, 1, 20), edge(1, 2, 18)), this.scorer, 4, 50);
		assertThat(cluster[0]).isEqualTo(cluster[1]);
		assertThat(cluster[2]).isNotEqualTo(cluster[0]);
		assertThat(cluster[3]).isEqualTo(3);
	}

	@Test
	void clusterWhenAllPairsAboveFloorThenOneCluster() {
		double[][] s = { { 0, 20, 12 }, { 20, 0, 18 }, { 12, 18, 0 } };
		int[] cluster = Clusterer.cluster(3, List.of(edge(0, 1, 20), edge(1, 2, 18)), (i, j) -> s[i][j], 4, 50);
		assertThat(cluster).containsExactly(0, 0, 0);
	}

	@Test
	void clusterWhenSizeCapReachedThenNoFurtherMerge() {
		double[][] s = { { 0, 20, 20 }, { 20, 0, 20 }, { 20, 20, 0 } };
		int[] cluster = Clusterer.cluster(3, List.of(edge(0, 1, 20), edge(1, 2, 19)), (i, j) -> s[i][j], 4, 2);
		assertThat(cluster).containsExactly(0, 0, 2);
	}

}
