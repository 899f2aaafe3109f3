package care.concord.identity.linkage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups records into people from scored pairs without chaining distinct people together.
 *
 * <p>
 * Plain connected components over match edges chain: A~B and B~C put A and C together
 * however unlike they are. Here edges are taken strongest first, and two groups are
 * merged only when every cross pair of members scores at least {@code floor} and the
 * result stays within {@code maxSize}; otherwise the edge is dropped. This is
 * complete-linkage clustering cut at the floor, restricted to the candidate edges.
 */
public final class Clusterer {

	/**
	 * Scores any pair of records on demand (pairs not among the candidates are scored
	 * when needed).
	 */
	@FunctionalInterface
	public interface PairScore {

		/** Match weight of records i and j. */
		double score(int i, int j);

	}

	private Clusterer() {
	}

	/**
	 * Assigns a cluster to each record.
	 * @param n number of records
	 * @param edges candidate match edges
	 * @param scorer scores any pair
	 * @param floor minimum score every pair inside a cluster must reach
	 * @param maxSize largest cluster allowed
	 * @return for each record, the lowest record index of its cluster
	 */
	public static int[] cluster(int n, List<ScoredPair> edges, PairScore scorer, double floor, int maxSize) {
		ScoredPair[] sorted = edges.toArray(new ScoredPair[0]);
		Arrays.sort(sorted, (a, b) -> Double.compare(b.score(), a.score()));
		int[] root = new int[n];
		List<List<Integer>> members = new ArrayList<>(n);
		for (int i = 0; i < n; i++) {
			root[i] = i;
			members.add(null);
		}
		for (ScoredPair e : sorted) {
			int ra = root[e.left()];
			int rb = root[e.right()];
			if (ra == rb) {
				continue;
			}
			List<Integer> ma = group(members, ra);
			List<Integer> mb = group(members, rb);
			if (ma.size() + mb.size() > maxSize || !allAbove(ma, mb, scorer, floor, e)) {
				continue;
			}
			int keep = Math.min(ra, rb);
			int drop = Math.max(ra, rb);
			List<Integer> kept = group(members, keep);
			List<Integer> dropped = group(members, drop);
			for (int x : dropped) {
				root[x] = keep;
			}
			kept.addAll(dropped);
			members.set(drop, null);
		}
		return root;
	}

	private static List<Integer> group(List<List<Integer>> members, int r) {
		List<Integer> g = members.get(r);
		if (g == null) {
			g = new ArrayList<>(2);
			g.add(r);
			members.set(r, g);
		}
		return g;
	}

	private static boolean allAbove(List<Integer> a, List<Integer> b, PairScore scorer, double floor, ScoredPair edge) {
		for (int x : a) {
			for (int y : b) {
				boolean isEdge = (x == edge.left() && y == edge.right()) || (x == edge.right() && y == edge.left());
				if (!isEdge && scorer.score(x, y) < floor) {
					return false;
				}
			}
		}
		return true;
	}

}
