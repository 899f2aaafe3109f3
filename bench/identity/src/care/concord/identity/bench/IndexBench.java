package care.concord.identity.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.linkage.IndexCandidate;
import care.concord.identity.linkage.PersonIndex;
import care.concord.identity.matching.scoring.MatchClass;
import care.concord.identity.matching.scoring.MatchModel;

/**
 * Builds a {@link PersonIndex} of generated people and measures single-record look-ups (the full
 * {@code lookup(PersonRecord)} path: standardisation, blocking, scoring, ranking) and the heap the index holds.
 * Latency is reported as wall-clock time and as the looking-up thread's CPU time: on a shared machine the
 * wall clock includes time the thread waited for a core.
 *
 * <pre>java -Xmx3g ... IndexBench [people=1000000] [queries=20000] [useIdentifier=true] [seed=7]</pre>
 * Queries: 80% corrupted duplicates of indexed people, 20% people who are not in the index.
 */
public final class IndexBench {

	private IndexBench() {
	}

	private static long heapAfterGc(MemoryMXBean memory) throws InterruptedException {
		for (int i = 0; i < 4; i++) {
			System.gc();
			Thread.sleep(200);
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

	/** Runs the benchmark and prints one line of results. */
	public static void main(String[] args) throws Exception {
		int people = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
		int queries = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
		boolean useIdentifier = args.length > 2 ? Boolean.parseBoolean(args[2]) : true;
		long seed = args.length > 3 ? Long.parseLong(args[3]) : 7;
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		MatchModel model = MatchModel.loadDefault();
		PeopleGenerator generator = new PeopleGenerator(seed);
		Random random = new Random(seed);
		long baseline = heapAfterGc(memory);

		PersonIndex index = new PersonIndex(model, useIdentifier, Standardiser.strict());
		List<PeopleGenerator.Person> sample = new ArrayList<>();
		long buildStart = System.nanoTime();
		int chunk = 100_000;
		for (int done = 0; done < people; done += chunk) {
			List<PeopleGenerator.Person> batch = generator.people(Math.min(chunk, people - done), done);
			for (PeopleGenerator.Person p : batch) {
				index.add(generator.clean(p, 0));
				if (random.nextInt(people / (queries * 2) + 1) == 0) {
					sample.add(p);
				}
			}
		}
		double buildSeconds = (System.nanoTime() - buildStart) / 1e9;
		long withIndex = heapAfterGc(memory);

		// queries are prepared before timing so that generation is not measured
		List<PersonRecord> known = new ArrayList<>();
		List<String> knownPerson = new ArrayList<>();
		int knownCount = queries * 4 / 5;
		for (int i = 0; i < knownCount; i++) {
			PeopleGenerator.Person p = sample.get(random.nextInt(sample.size()));
			known.add(generator.duplicate(p, 1 + i));
			knownPerson.add("p" + p.id() + "-");
		}
		List<PersonRecord> unknown = new ArrayList<>();
		for (PeopleGenerator.Person p : generator.people(queries - knownCount, people + 1_000_000)) {
			unknown.add(generator.duplicate(p, 1));
		}
		List<PersonRecord> all = new ArrayList<>(known);
		all.addAll(unknown);

		// warm-up: the JIT compiles the look-up path before it is measured
		for (int round = 0; round < 1; round++) {
			for (PersonRecord q : all) {
				index.lookup(q);
			}
		}
		java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		long[] nanos = new long[all.size()];
		long[] cpu = new long[all.size()];
		int top1 = 0;
		int reviewOnly = 0;
		int falseMatches = 0;
		int wrongTop = 0;
		for (int i = 0; i < all.size(); i++) {
			long c0 = threads.getCurrentThreadCpuTime();
			long t0 = System.nanoTime();
			List<IndexCandidate> result = index.lookup(all.get(i));
			nanos[i] = System.nanoTime() - t0;
			cpu[i] = threads.getCurrentThreadCpuTime() - c0;
			if (i < knownCount) {
				if (!result.isEmpty() && result.get(0).id().startsWith(knownPerson.get(i))) {
					if (result.get(0).matchClass() == MatchClass.MATCH) {
						top1++;
					}
					else {
						reviewOnly++;
					}
				}
				else if (!result.isEmpty() && result.get(0).matchClass() == MatchClass.MATCH) {
					wrongTop++;
				}
			}
			else if (!result.isEmpty() && result.get(0).matchClass() == MatchClass.MATCH) {
				falseMatches++;
			}
		}
		Arrays.sort(nanos);
		Arrays.sort(cpu);
		System.out.printf(Locale.ROOT,
				"people=%d identifier=%s build_s=%.1f heap_index_mb=%.0f bytes_per_person=%.0f queries=%d "
						+ "p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f cpu_p50_ms=%.3f cpu_p99_ms=%.3f known_top1_match=%.4f known_top1_review=%.4f "
						+ "known_wrong_match=%.4f unknown_false_match=%.4f%n",
				index.size(), useIdentifier, buildSeconds, (withIndex - baseline) / 1048576.0,
				(double) (withIndex - baseline) / index.size(), all.size(), pct(nanos, 0.50), pct(nanos, 0.90),
				pct(nanos, 0.99), nanos[nanos.length - 1] / 1e6, pct(cpu, 0.50), pct(cpu, 0.99),
				(double) top1 / knownCount,
				(double) reviewOnly / knownCount, (double) wrongTop / knownCount,
				(double) falseMatches / unknown.size());
	}

	private static double pct(long[] sorted, double q) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
	}

}
