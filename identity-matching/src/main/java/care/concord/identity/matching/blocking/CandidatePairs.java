package care.concord.identity.matching.blocking;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import care.concord.identity.demographics.StandardisedPerson;

/**
 * Generates the record pairs to compare from shared blocking keys.
 *
 * <p>
 * Pairs are packed into longs ({@code left << 32 | right}), sorted and distinct, which
 * keeps a 5,000 × 5,000 link in a few megabytes. Blocks larger than {@code maxBlockSize}
 * are skipped: a key shared by thousands of records (a common surname in one year)
 * separates nothing, and the other passes still see those pairs.
 */
public final class CandidatePairs {

	/** Default cap on block size. */
	public static final int DEFAULT_MAX_BLOCK = 2000;

	private CandidatePairs() {
	}

	/** The distinct pairs {@code (i, j)}, {@code i < j}, of one list sharing a key. */
	public static long[] dedupe(List<StandardisedPerson> records, BlockingScheme scheme, int maxBlockSize) {
		Map<String, int[]> blocks = blocks(records, scheme);
		LongList pairs = new LongList();
		for (int[] block : blocks.values()) {
			int n = block[0];
			if (n < 2 || n > maxBlockSize) {
				continue;
			}
			for (int x = 1; x <= n; x++) {
				for (int y = x + 1; y <= n; y++) {
					int i = block[x];
					int j = block[y];
					pairs.add(pack(Math.min(i, j), Math.max(i, j)));
				}
			}
		}
		return pairs.sortedDistinct();
	}

	/**
	 * The distinct pairs {@code (i, j)} with i indexing {@code left} and j indexing
	 * {@code right}.
	 */
	public static long[] link(List<StandardisedPerson> left, List<StandardisedPerson> right, BlockingScheme scheme,
			int maxBlockSize) {
		Map<String, int[]> blocks = blocks(left, scheme);
		Map<String, int[]> rightBlocks = blocks(right, scheme);
		LongList pairs = new LongList();
		for (Map.Entry<String, int[]> e : rightBlocks.entrySet()) {
			int[] l = blocks.get(e.getKey());
			int[] r = e.getValue();
			if (l == null || (long) l[0] * r[0] > (long) maxBlockSize * maxBlockSize / 2) {
				continue;
			}
			for (int x = 1; x <= l[0]; x++) {
				for (int y = 1; y <= r[0]; y++) {
					pairs.add(pack(l[x], r[y]));
				}
			}
		}
		return pairs.sortedDistinct();
	}

	/** Packs a pair of indices. */
	public static long pack(int left, int right) {
		return ((long) left << 32) | (right & 0xffffffffL);
	}

	/** The left index of a packed pair. */
	public static int left(long pair) {
		return (int) (pair >>> 32);
	}

	/** The right index of a packed pair. */
	public static int right(long pair) {
		return (int) pair;
	}

	// block arrays hold their size at [0] so growing them needs no wrapper object per key
	private static Map<String, int[]> blocks(List<StandardisedPerson> records, BlockingScheme scheme) {
		Map<String, int[]> blocks = new HashMap<>(records.size() * 8);
		for (int i = 0; i < records.size(); i++) {
			for (String key : scheme.keys(records.get(i))) {
				int[] b = blocks.get(key);
				if (b == null) {
					b = new int[4];
					blocks.put(key, b);
				}
				else if (b[0] + 1 == b.length) {
					b = Arrays.copyOf(b, b.length * 2);
					blocks.put(key, b);
				}
				b[++b[0]] = i;
			}
		}
		return blocks;
	}

	private static final class LongList {

		private long[] values = new long[1024];

		private int size;

		void add(long v) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = v;
		}

		long[] sortedDistinct() {
			long[] v = Arrays.copyOf(this.values, this.size);
			Arrays.sort(v);
			int n = 0;
			for (int i = 0; i < v.length; i++) {
				if (i == 0 || v[i] != v[i - 1]) {
					v[n++] = v[i];
				}
			}
			return Arrays.copyOf(v, n);
		}

	}

}
