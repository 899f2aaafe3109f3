package care.concord.server.audit;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import care.concord.server.TestDatabases;
import com.zaxxer.hikari.HikariDataSource;

/**
 * A rough throughput check of {@link JdbcAuditLog}, run by hand only (not a test, no
 * JMH): threads append for a while, then appends per second, latency percentiles and the
 * chain's verification are printed. Compare {@code maxBatch} 1 (one record per
 * transaction) with the default.
 *
 * <pre>
 * mvn -o -q -pl authz-server -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp authz-server/target/test-classes:authz-server/target/classes:$(cat /tmp/cp.txt) \
 *     care.concord.server.audit.AuditAppendThroughput h2|h2file|postgres [threads=16] [seconds=5] [maxBatch=256] \
 *     [gatherMicros=0]
 * </pre>
 *
 * <p>
 * {@code -Dthink.micros=N} makes each thread spin N microseconds between its appends, as
 * a server does other work between the audit records of its requests (without it the
 * threads append back to back, so batches form by themselves and a gather delay changes
 * little).
 *
 * <p>
 * {@code h2file} is the server's own H2 URL (a file, {@code WRITE_DELAY=0}: every commit
 * reaches the file) in a temporary directory, with any extra settings in the system
 * property {@code h2.extra} (e.g. {@code -Dh2.extra=";PAGE_SIZE=8192"}). Beside the rate,
 * the run prints the process's CPU time per append, which depends less on what else the
 * machine runs than the rate does.
 *
 * <p>
 * The {@code postgres} run drops and re-creates the database
 * {@code concord_audit_throughput} on 127.0.0.1:5432.
 */
public final class AuditAppendThroughput {

	private static final long THINK_NANOS = Long.getLong("think.micros", 0L) * 1000L;

	private AuditAppendThroughput() {
	}

	public static void main(String[] args) throws Exception {
		String database = (args.length > 0) ? args[0] : "h2";
		int threads = (args.length > 1) ? Integer.parseInt(args[1]) : 16;
		int seconds = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		int maxBatch = (args.length > 3) ? Integer.parseInt(args[3]) : JdbcAuditLog.DEFAULT_MAX_BATCH;
		Duration gather = Duration.ofNanos(((args.length > 4) ? Long.parseLong(args[4]) : 0L) * 1000L);
		String url = switch (database) {
			case "postgres" -> TestDatabases.recreatePostgresDatabase("concord_audit_throughput", "throughput check");
			case "h2file" -> "jdbc:h2:file:" + Files.createTempDirectory("audit-throughput") + "/concord;"
					+ TestDatabases.H2_SETTINGS + ";QUERY_CACHE_SIZE=256;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
					+ System.getProperty("h2.extra", "");
			default -> TestDatabases.newH2Url("audit-throughput");
		};
		String user = database.equals("postgres") ? "postgres" : "sa";
		// the server's audit pool has 4 connections (concord.audit.pool-size)
		try (HikariDataSource dataSource = TestDatabases.pool(url, user, 4, "audit-throughput")) {
			TestDatabases.migrate(dataSource);
			AuditTestDatabases.resetChain(dataSource);
			JdbcAuditLog log = new JdbcAuditLog(dataSource, Clock.systemUTC(), maxBatch,
					JdbcAuditLog.DEFAULT_WAIT_TIMEOUT, gather);
			run(log, threads, 1, false);
			AuditTestDatabases.resetChain(dataSource);
			long cpuBefore = processCpuNanos();
			List<Long> latencies = run(log, threads, seconds, true);
			long cpu = processCpuNanos() - cpuBefore;
			long[] sorted = latencies.stream().mapToLong(Long::longValue).toArray();
			Arrays.sort(sorted);
			ChainVerification verification = new ChainVerifier(dataSource).verify();
			System.out.printf(
					"%s threads=%d maxBatch=%d gather=%s think=%d us: %d appends in %d s = %.0f/s, p50 %.2f ms, p99 %.2f ms, "
							+ "max %.2f ms, process CPU %.3f ms per append; %s%n",
					database, threads, maxBatch, gather, THINK_NANOS / 1000, sorted.length, seconds,
					sorted.length / (double) seconds, percentile(sorted, 0.50), percentile(sorted, 0.99),
					sorted[sorted.length - 1] / 1e6, cpu / 1e6 / sorted.length, verification.summary());
		}
	}

	private static List<Long> run(AuditLog log, int threads, int seconds, boolean measure) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch start = new CountDownLatch(1);
		long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos() + TimeUnit.MILLISECONDS.toNanos(50);
		List<Future<List<Long>>> results = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			results.add(pool.submit(() -> {
				start.await();
				List<Long> latencies = new ArrayList<>();
				for (int i = 0; System.nanoTime() < end; i++) {
					long begin = System.nanoTime();
					log.append(TestAuditEvents.decision().requestId("t" + thread + "-" + i).build());
					latencies.add(System.nanoTime() - begin);
					long think = System.nanoTime() + THINK_NANOS;
					while (System.nanoTime() < think) {
						Thread.onSpinWait();
					}
				}
				return latencies;
			}));
		}
		start.countDown();
		List<Long> all = new ArrayList<>();
		for (Future<List<Long>> result : results) {
			all.addAll(result.get());
		}
		pool.shutdown();
		return measure ? all : List.of();
	}

	private static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	private static double percentile(long[] sorted, double p) {
		return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
	}

}
