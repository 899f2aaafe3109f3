package care.concord.identity.matching.scoring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A trained Fellegi–Sunter model: for each comparison level the probability m of seeing
 * it among true matches and u among non-matches, the prior proportion of matches among
 * compared pairs, and the two match-weight thresholds that give {@link MatchClass#MATCH},
 * {@link MatchClass#REVIEW} and {@link MatchClass#NON_MATCH}.
 *
 * <p>
 * A level's match weight is {@code log2(m / u)} (bits of evidence); a pair's weight is
 * the sum over its comparisons, missing values adding nothing. The model is a small
 * properties text ({@link #write(Writer)}/{@link #read(Reader)}), so the server can load
 * the shipped {@linkplain #loadDefault() default} and score single records without
 * running EM.
 *
 * @see <a href=
 * "https://moj-analytical-services.github.io/splink/topic_guides/theory/fellegi_sunter.html">Splink:
 * the Fellegi–Sunter model</a>
 */
public final class MatchModel {

	/** Resource name of the model trained on FEBRL and shipped with the library. */
	public static final String DEFAULT_RESOURCE = "default-model.properties";

	private static final int FORMAT = 1;

	private final double[][] m;

	private final double[][] u;

	private final double[][] weights;

	private final double prior;

	private final double matchThreshold;

	private final double reviewThreshold;

	private final Set<Comparison> termFrequency;

	/**
	 * @param m per comparison ordinal, per level; {@code null} row for a comparison the
	 * model does not use
	 * @param u as m
	 * @param prior proportion of matches among candidate pairs, in (0, 1)
	 * @param matchThreshold weight at or above which a pair is a match
	 * @param reviewThreshold weight at or above which a pair needs review; at most
	 * matchThreshold
	 * @param termFrequency comparisons whose exact level is adjusted by value frequency
	 */
	public MatchModel(double[][] m, double[][] u, double prior, double matchThreshold, double reviewThreshold,
			Set<Comparison> termFrequency) {
		Comparison[] all = Comparison.values();
		if (m.length != all.length || u.length != all.length) {
			throw new IllegalArgumentException("m and u need one row per comparison");
		}
		if (!(prior > 0 && prior < 1)) {
			throw new IllegalArgumentException("prior must be in (0, 1): " + prior);
		}
		if (reviewThreshold > matchThreshold) {
			throw new IllegalArgumentException("review threshold above match threshold");
		}
		this.m = new double[all.length][];
		this.u = new double[all.length][];
		this.weights = new double[all.length][];
		for (Comparison c : all) {
			int i = c.ordinal();
			if ((m[i] == null) != (u[i] == null)) {
				throw new IllegalArgumentException(c + ": m and u must both be given or both absent");
			}
			if (m[i] == null) {
				continue;
			}
			if (m[i].length != c.levelCount() || u[i].length != c.levelCount()) {
				throw new IllegalArgumentException(c + " needs " + c.levelCount() + " levels");
			}
			this.m[i] = m[i].clone();
			this.u[i] = u[i].clone();
			this.weights[i] = new double[c.levelCount()];
			for (int l = 0; l < c.levelCount(); l++) {
				check(c, "m", m[i][l]);
				check(c, "u", u[i][l]);
				this.weights[i][l] = log2(m[i][l] / u[i][l]);
			}
		}
		this.prior = prior;
		this.matchThreshold = matchThreshold;
		this.reviewThreshold = reviewThreshold;
		this.termFrequency = termFrequency.isEmpty() ? EnumSet.noneOf(Comparison.class) : EnumSet.copyOf(termFrequency);
	}

	private static void check(Comparison c, String what, double p) {
		if (!(p > 0 && p <= 1)) {
			throw new IllegalArgumentException(c + ": " + what + " probability must be in (0, 1]: " + p);
		}
	}

	static double log2(double x) {
		return Math.log(x) / Math.log(2);
	}

	/** True when the model has parameters for the comparison. */
	public boolean uses(Comparison c) {
		return this.m[c.ordinal()] != null;
	}

	/** m probability of a level. */
	public double m(Comparison c, int level) {
		return this.m[c.ordinal()][level];
	}

	/** u probability of a level. */
	public double u(Comparison c, int level) {
		return this.u[c.ordinal()][level];
	}

	/**
	 * The match weight {@code log2(m/u)} of a level; 0 for {@link Comparison#MISSING} or
	 * an unused comparison.
	 */
	public double weight(Comparison c, int level) {
		double[] w = this.weights[c.ordinal()];
		return (w == null || level < 0) ? 0 : w[level];
	}

	/** The prior proportion of matches among candidate pairs. */
	public double prior() {
		return this.prior;
	}

	/** Weight at or above which a pair is a {@link MatchClass#MATCH}. */
	public double matchThreshold() {
		return this.matchThreshold;
	}

	/** Weight at or above which a pair is at least {@link MatchClass#REVIEW}. */
	public double reviewThreshold() {
		return this.reviewThreshold;
	}

	/** Comparisons with term-frequency adjustment. */
	public Set<Comparison> termFrequency() {
		return EnumSet.copyOf(this.termFrequency.isEmpty() ? EnumSet.noneOf(Comparison.class) : this.termFrequency);
	}

	boolean adjustsTermFrequency(Comparison c) {
		return this.termFrequency.contains(c);
	}

	/** The class of a pair with this weight. */
	public MatchClass classify(double weight) {
		if (weight >= this.matchThreshold) {
			return MatchClass.MATCH;
		}
		return (weight >= this.reviewThreshold) ? MatchClass.REVIEW : MatchClass.NON_MATCH;
	}

	/**
	 * Posterior match probability of a candidate pair with this weight, given the prior.
	 */
	public double probability(double weight) {
		double odds = this.prior / (1 - this.prior) * Math.pow(2, weight);
		return odds / (1 + odds);
	}

	/** The same parameters with other thresholds. */
	public MatchModel withThresholds(double match, double review) {
		return new MatchModel(this.m, this.u, this.prior, match, review, this.termFrequency);
	}

	/** The same model with one comparison's parameters taken from another model. */
	public MatchModel withComparisonFrom(Comparison c, MatchModel other) {
		double[][] m2 = this.m.clone();
		double[][] u2 = this.u.clone();
		m2[c.ordinal()] = other.m[c.ordinal()];
		u2[c.ordinal()] = other.u[c.ordinal()];
		return new MatchModel(m2, u2, this.prior, this.matchThreshold, this.reviewThreshold, this.termFrequency);
	}

	/**
	 * Writes the model as properties text (UTF-8), one parameter per line, in comparison
	 * and level order.
	 */
	public void write(Writer out) throws IOException {
		StringBuilder sb = new StringBuilder();
		sb.append("# Concord identity-matching Fellegi-Sunter model\n");
		sb.append("format=").append(FORMAT).append('\n');
		sb.append("prior=").append(num(this.prior)).append('\n');
		sb.append("threshold.match=").append(num(this.matchThreshold)).append('\n');
		sb.append("threshold.review=").append(num(this.reviewThreshold)).append('\n');
		List<String> tf = new ArrayList<>();
		for (Comparison c : this.termFrequency) {
			tf.add(c.name());
		}
		sb.append("term-frequency=").append(String.join(",", tf)).append('\n');
		for (Comparison c : Comparison.values()) {
			if (!uses(c)) {
				continue;
			}
			for (int l = 0; l < c.levelCount(); l++) {
				String key = c.name() + "." + c.levels().get(l);
				sb.append("m.").append(key).append('=').append(num(m(c, l))).append('\n');
				sb.append("u.").append(key).append('=').append(num(u(c, l))).append('\n');
			}
		}
		out.write(sb.toString());
		out.flush();
	}

	private static String num(double d) {
		return String.format(Locale.ROOT, "%.8g", d);
	}

	/**
	 * Reads a model written by {@link #write(Writer)}.
	 * @throws IllegalArgumentException naming the first missing or malformed parameter
	 */
	public static MatchModel read(Reader in) throws IOException {
		Properties p = new Properties();
		p.load(in);
		String format = p.getProperty("format");
		if (!String.valueOf(FORMAT).equals(format)) {
			throw new IllegalArgumentException("unsupported model format: " + format);
		}
		Comparison[] all = Comparison.values();
		double[][] m = new double[all.length][];
		double[][] u = new double[all.length][];
		for (Comparison c : all) {
			if (p.getProperty("m." + c.name() + "." + c.levels().get(0)) == null) {
				continue;
			}
			m[c.ordinal()] = new double[c.levelCount()];
			u[c.ordinal()] = new double[c.levelCount()];
			for (int l = 0; l < c.levelCount(); l++) {
				String key = c.name() + "." + c.levels().get(l);
				m[c.ordinal()][l] = number(p, "m." + key);
				u[c.ordinal()][l] = number(p, "u." + key);
			}
		}
		Set<Comparison> tf = EnumSet.noneOf(Comparison.class);
		String tfList = p.getProperty("term-frequency", "").strip();
		if (!tfList.isEmpty()) {
			for (String name : tfList.split(",")) {
				tf.add(Comparison.valueOf(name.strip()));
			}
		}
		return new MatchModel(m, u, number(p, "prior"), number(p, "threshold.match"), number(p, "threshold.review"),
				tf);
	}

	private static double number(Properties p, String key) {
		String v = p.getProperty(key);
		if (v == null) {
			throw new IllegalArgumentException("model parameter missing: " + key);
		}
		try {
			return Double.parseDouble(v.strip());
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("model parameter " + key + " is not a number: " + v);
		}
	}

	/** The model trained on FEBRL that ships with the library. */
	public static MatchModel loadDefault() {
		try (InputStream in = MatchModel.class.getResourceAsStream(DEFAULT_RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(DEFAULT_RESOURCE + " resource is missing");
			}
			return read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
