package care.concord.identity.matching.scoring;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

import care.concord.identity.demographics.StandardisedPerson;

/**
 * How often each value of a term-frequency-adjusted field occurs in a population, so that
 * agreeing on {@code smith} counts for less than agreeing on {@code sondergeld} (Splink's
 * term-frequency adjustment).
 *
 * <p>
 * Counts are kept per field and can grow record by record, so an index keeps them current
 * as people are added. Not thread-safe; callers that add concurrently must synchronise.
 */
public final class TermFrequencies {

	private final Map<Comparison, Map<String, int[]>> counts = new EnumMap<>(Comparison.class);

	private final Map<Comparison, long[]> totals = new EnumMap<>(Comparison.class);

	/** Empty frequencies: no adjustment until records are added. */
	public TermFrequencies() {
		for (Comparison c : Comparison.values()) {
			if (c.supportsTermFrequency()) {
				this.counts.put(c, new HashMap<>());
				this.totals.put(c, new long[1]);
			}
		}
	}

	/** Frequencies of a whole population. */
	public static TermFrequencies of(Iterable<StandardisedPerson> records) {
		TermFrequencies tf = new TermFrequencies();
		for (StandardisedPerson p : records) {
			tf.add(p);
		}
		return tf;
	}

	/** Counts one more record. */
	public void add(StandardisedPerson p) {
		for (Map.Entry<Comparison, Map<String, int[]>> e : this.counts.entrySet()) {
			String v = e.getKey().termValue(p);
			if (v != null) {
				e.getValue().computeIfAbsent(v, k -> new int[1])[0]++;
				this.totals.get(e.getKey())[0]++;
			}
		}
	}

	/**
	 * The share of records with this value among records with any value for the field, or
	 * {@code NaN} when nothing is known (no records, or a field without adjustment).
	 */
	public double frequency(Comparison comparison, String value) {
		Map<String, int[]> m = this.counts.get(comparison);
		if (m == null || value == null) {
			return Double.NaN;
		}
		long total = this.totals.get(comparison)[0];
		if (total == 0) {
			return Double.NaN;
		}
		int[] c = m.get(value);
		// a value never seen is as rare as one record: the population cannot say less
		// than that
		return Math.max(1, c == null ? 0 : c[0]) / (double) total;
	}

}
