package care.concord.identity.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.linkage.Linker;
import care.concord.identity.linkage.ModelTraining;
import care.concord.identity.linkage.ScoredPair;
import care.concord.identity.matching.scoring.MatchModel;

/**
 * Command line record linkage: {@code link A.csv B.csv} links two files,
 * {@code link --dedupe A.csv} de-duplicates one; predicted matches go to standard output
 * as {@code id_a,id_b,score} lines (score = match weight in bits), errors to standard
 * error with a non-zero exit status.
 *
 * <p>
 * Batch input warns and goes on: a bad value (an impossible or future date of birth, a
 * malformed postcode, an NHS number failing Modulus 11) is reported on standard error
 * with file, row, field, value and what was done (kept as digits or text, or treated as
 * missing), a row that cannot be read (wrong number of fields) is reported and skipped, a
 * summary count follows, and the run exits 0. {@code --strict} refuses the file at the
 * first problem instead (exit 3). Problems with the header always refuse the file.
 *
 * <p>
 * Exit status: 0 done, 2 wrong usage, 3 bad input (the message names file, row and
 * field), 4 I/O failure.
 */
public final class LinkCli {

	static final String USAGE = String.join("\n", "usage: link [options] A.csv B.csv     link two files",
			"       link [options] --dedupe A.csv  de-duplicate one file", "options:",
			"  --use-identifier     use the identifier column (soc_sec_id, nhs_number) as evidence",
			"  --strict             refuse the file at the first bad row or value (default: warn on standard",
			"                       error with row, field, value and what was done, then go on)",
			"  --lenient-dates      with --strict: keep impossible or future dates of birth as digits",
			"  --no-household-rules  for data known to hold no relatives (FEBRL): another given name or date",
			"                       of birth no longer holds a pair back from a match",
			"  --model FILE         score with this model instead of the shipped default",
			"  --train              estimate the model from the input by EM instead of loading one",
			"  --write-model FILE   write the model used to FILE",
			"  --threshold W        match weight at or above which a pair is a match",
			"  --stats              print counts and timings to standard error",
			"output: id_a,id_b,score lines for predicted matches (score = match weight in bits)");

	private LinkCli() {
	}

	/** Runs the command and exits with its status. */
	public static void main(String[] args) {
		PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
				StandardCharsets.UTF_8);
		int status = run(args, out, System.err);
		out.flush();
		System.exit(status);
	}

	/**
	 * Runs the command.
	 * @return the exit status
	 */
	public static int run(String[] args, PrintStream stdout, PrintStream stderr) {
		boolean dedupe = false;
		boolean useIdentifier = false;
		boolean lenient = false;
		boolean strict = false;
		boolean householdRules = true;
		boolean train = false;
		boolean stats = false;
		String modelFile = null;
		String writeModel = null;
		Double threshold = null;
		List<String> files = new ArrayList<>();
		try {
			for (int i = 0; i < args.length; i++) {
				String a = args[i];
				switch (a) {
					case "--dedupe":
						dedupe = true;
						break;
					case "--use-identifier":
						useIdentifier = true;
						break;
					case "--no-household-rules":
						householdRules = false;
						break;
					case "--strict":
						strict = true;
						break;
					case "--lenient-dates":
						lenient = true;
						break;
					case "--train":
						train = true;
						break;
					case "--stats":
						stats = true;
						break;
					case "--model":
						modelFile = value(args, ++i, a);
						break;
					case "--write-model":
						writeModel = value(args, ++i, a);
						break;
					case "--threshold":
						threshold = Double.valueOf(value(args, ++i, a));
						break;
					case "-h":
					case "--help":
						stdout.println(USAGE);
						return 0;
					default:
						if (a.startsWith("--")) {
							throw new IllegalArgumentException("unknown option " + a);
						}
						files.add(a);
				}
			}
			if (files.size() != (dedupe ? 1 : 2)) {
				throw new IllegalArgumentException(
						dedupe ? "--dedupe takes exactly one file" : "give two files to link");
			}
			if (train && modelFile != null) {
				throw new IllegalArgumentException("--train and --model exclude each other");
			}
		}
		catch (IllegalArgumentException ex) {
			stderr.println("link: " + ex.getMessage());
			stderr.println(USAGE);
			return 2;
		}
		long start = System.nanoTime();
		try {
			Standardiser standardiser = (lenient || !strict) ? Standardiser.lenient() : Standardiser.strict();
			ProblemReport problems = strict ? null : new ProblemReport(stderr);
			List<StandardisedPerson> a = PersonCsv.read(Path.of(files.get(0)), useIdentifier, standardiser, problems);
			List<StandardisedPerson> b = dedupe ? a
					: PersonCsv.read(Path.of(files.get(1)), useIdentifier, standardiser, problems);
			if (problems != null) {
				problems.summarise();
			}
			long read = System.nanoTime();
			MatchModel model;
			if (train) {
				List<StandardisedPerson> all = new ArrayList<>(a);
				if (!dedupe) {
					all.addAll(b);
				}
				model = ModelTraining.train(all, useIdentifier);
			}
			else {
				model = (modelFile == null) ? MatchModel.loadDefault() : readModel(Path.of(modelFile));
			}
			if (threshold != null) {
				model = model.withThresholds(threshold, Math.min(threshold, model.reviewThreshold()));
			}
			if (writeModel != null) {
				try (Writer w = Files.newBufferedWriter(Path.of(writeModel), StandardCharsets.UTF_8)) {
					model.write(w);
				}
			}
			long modelTime = System.nanoTime();
			Linker linker = new Linker(model, useIdentifier).withHouseholdRules(householdRules);
			List<ScoredPair> pairs = dedupe ? linker.dedupe(a) : linker.link(a, b);
			long linked = System.nanoTime();
			Writer w = new BufferedWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), 1 << 16);
			for (ScoredPair p : pairs) {
				w.write(a.get(p.left()).id());
				w.write(',');
				w.write(b.get(p.right()).id());
				w.write(',');
				w.write(String.format(Locale.ROOT, "%.3f", p.score()));
				w.write('\n');
			}
			w.flush();
			if (stats) {
				stderr.printf(Locale.ROOT, "records: %d%s; predicted pairs: %d%n", a.size(),
						dedupe ? "" : " x " + b.size(), pairs.size());
				stderr.printf(Locale.ROOT, "time ms: read %.0f, model %.0f, link %.0f, total %.0f%n", ms(start, read),
						ms(read, modelTime), ms(modelTime, linked), ms(start, System.nanoTime()));
			}
			return 0;
		}
		catch (CsvInputException ex) {
			stderr.println("link: " + ex.getMessage());
			if (!lenient && ex.getMessage().contains("is not a calendar date")) {
				stderr.println("link: --lenient-dates keeps impossible dates such as 19371233 as digits");
			}
			stderr.println("link: without --strict, bad rows and values are reported and the run goes on");
			return 3;
		}
		catch (IllegalArgumentException ex) {
			stderr.println("link: " + ex.getMessage());
			return 3;
		}
		catch (NoSuchFileException ex) {
			stderr.println("link: no such file: " + ex.getFile());
			return 4;
		}
		catch (IOException | UncheckedIOException ex) {
			stderr.println("link: " + ex.getMessage());
			return 4;
		}
	}

	/**
	 * Prints each problem of a lenient read as one line on standard error, and a summary
	 * count.
	 */
	static final class ProblemReport implements PersonCsv.Problems {

		/** Longest value quoted in a warning. */
		static final int MAX_QUOTED = 60;

		private final PrintStream err;

		private final Map<PersonCsv.Action, Integer> counts = new EnumMap<>(PersonCsv.Action.class);

		ProblemReport(PrintStream err) {
			this.err = err;
		}

		@Override
		public void report(String file, int row, String field, String value, String problem, PersonCsv.Action action) {
			this.counts.merge(action, 1, Integer::sum);
			StringBuilder line = new StringBuilder("link: warning: ").append(file).append(": row ").append(row);
			if (field != null) {
				line.append(", field ").append(field);
			}
			if (value != null) {
				line.append(", value '").append(quoted(value)).append('\'');
			}
			line.append(": ").append(quoted(problem)).append("; ").append(action.description());
			this.err.println(line);
		}

		void summarise() {
			if (this.counts.isEmpty()) {
				return;
			}
			List<String> parts = new ArrayList<>();
			int total = 0;
			for (Map.Entry<PersonCsv.Action, Integer> e : this.counts.entrySet()) {
				total += e.getValue();
				String what = (e.getKey() == PersonCsv.Action.ROW_SKIPPED) ? "row" : "value";
				parts.add(e.getValue() + " " + what + ((e.getValue() == 1) ? " " : "s ")
						+ e.getKey().description().replace("row ", ""));
			}
			this.err.println("link: " + total + " input problem" + ((total == 1) ? "" : "s") + ": "
					+ String.join(", ", parts) + " (--strict refuses such input)");
		}

		int total() {
			return this.counts.values().stream().mapToInt(Integer::intValue).sum();
		}

		private static String quoted(String s) {
			StringBuilder out = new StringBuilder();
			for (int i = 0; i < s.length() && out.length() < MAX_QUOTED; i++) {
				char c = s.charAt(i);
				out.append(Character.isISOControl(c) ? '?' : c);
			}
			return (s.length() > MAX_QUOTED) ? out + "..." : out.toString();
		}

	}

	private static MatchModel readModel(Path file) throws IOException {
		try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return MatchModel.read(r);
		}
	}

	private static double ms(long from, long to) {
		return (to - from) / 1e6;
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new IllegalArgumentException(option + " needs a value");
		}
		return args[i];
	}

}
