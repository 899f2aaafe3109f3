package care.concord.server.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Issue-8 benchmark (a main class, not a test): how long after node A acknowledges a
 * citizen's consent change does node B's AuthZEN decision reflect it? Needs two running
 * Concord nodes sharing PostgreSQL and Redis with the demo profile's data (as
 * {@code bench/cluster-load.sh lag} starts them; it runs this class).
 * <p>
 * Per cycle: the citizen (alice, logged in through the login form on A) adds a deny
 * directive for GP practice A81001 on A; as soon as A's answer is received, B is asked
 * {@code POST /access/v1/evaluation} (GP GMC1234567 of A81001 reading the citizen's
 * summary held by RR8, direct care) back to back until it answers {@code false}; the lag
 * is A's answer → B's first reflecting answer (so it includes one decision round trip on
 * B). Then the directive is revoked ({@code DELETE /api/me/directives/{id}}) on A and B
 * is polled until it answers {@code true} again. Non-reflecting answers after the
 * acknowledgement ("stale" answers) are counted: by design there should be none.
 * <p>
 * Arguments:
 * {@code --a=URL --b=URL [--cycles=1000] [--warmup=50] [--out=lag.csv] [--timeout-ms=5000]}.
 * Prints p50/p90/p99/max per change kind and overall; the CSV has one row per recorded
 * change.
 */
public final class RevocationLagBenchmark {

	static final String CITIZEN_NHS = "9434765919";

	static final String CITIZEN_USER = "alice";

	static final String CITIZEN_PASSWORD = "concord-demo-alice";

	static final String GP_CLIENT = "a81001-client";

	static final String GP_SECRET = "demo-secret-a81001";

	private static final HttpClient HTTP = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String a;

	private final String b;

	private final long timeoutNanos;

	private final byte[] evaluation;

	private final List<Long> reference = new ArrayList<>();

	private String citizen;

	private String gp;

	private RevocationLagBenchmark(String a, String b, long timeoutMillis) {
		this.a = a;
		this.b = b;
		this.timeoutNanos = Duration.ofMillis(timeoutMillis).toNanos();
		Map<String, Object> request = Map.of("subject",
				Map.of("type", "agency-practitioner", "id", "GMC1234567", "properties",
						Map.of("organisation", "A81001", "role", "clinician")),
				"resource",
				Map.of("type", "care-record", "id", CITIZEN_NHS, "properties",
						Map.of("category", "summary", "holder", "RR8")),
				"action", Map.of("name", "read"), "context", Map.of("purpose", "direct-care"));
		this.evaluation = Http.JSON.writeValueAsBytes(request);
	}

	/** One recorded change. */
	record Sample(int cycle, String kind, long changeNanos, long lagNanos, int polls, int stale) {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("usage: --a=URL --b=URL [--cycles=1000] [--warmup=50] "
						+ "[--out=lag.csv] [--timeout-ms=5000]; got " + arg);
			}
			options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		String a = required(options, "a");
		String b = required(options, "b");
		for (String url : List.of(a, b)) {
			String host = URI.create(url).getHost();
			if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
				throw new IllegalArgumentException("loopback only: " + url);
			}
		}
		int cycles = Integer.parseInt(options.getOrDefault("cycles", "1000"));
		int warmup = Integer.parseInt(options.getOrDefault("warmup", "50"));
		long timeout = Long.parseLong(options.getOrDefault("timeout-ms", "5000"));
		RevocationLagBenchmark benchmark = new RevocationLagBenchmark(a, b, timeout);
		benchmark.login();
		if (!benchmark.decideOnB()) {
			throw new IllegalStateException("the GP is denied before any change: is the demo data there, and is the "
					+ "GP's care relationship declared?");
		}
		log("warm-up: " + warmup + " cycles");
		for (int i = 0; i < warmup; i++) {
			benchmark.cycle(-1, null);
		}
		List<Sample> samples = new ArrayList<>(2 * cycles);
		long start = System.nanoTime();
		for (int i = 0; i < cycles; i++) {
			benchmark.cycle(i, samples);
			if ((i + 1) % 100 == 0) {
				log((i + 1) + "/" + cycles + " cycles, " + (System.nanoTime() - start) / 1_000_000_000 + " s");
			}
		}
		long elapsed = System.nanoTime() - start;
		String out = options.get("out");
		if (out != null) {
			write(Path.of(out), samples);
		}
		report(samples, benchmark.reference, cycles, elapsed);
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("--" + name + "=URL is required");
		}
		return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
	}

	private void login() throws Exception {
		this.citizen = Http.personToken(this.a, "concord-console", this.a + "/console/callback", CITIZEN_USER,
				CITIZEN_PASSWORD);
		this.gp = Http.clientToken(this.b + "/oauth2/token", GP_CLIENT, GP_SECRET, "decision");
	}

	/**
	 * Deny, wait for B to deny; revoke, wait for B to permit. Records both when
	 * {@code samples} is given.
	 */
	private void cycle(int index, List<Sample> samples) throws Exception {
		// Reference: one decision on B with no change pending (consent cached), to
		// compare the lag with.
		long asked = System.nanoTime();
		if (!decideOnB()) {
			throw new IllegalStateException("B denies with no directive in place (cycle " + index + ")");
		}
		if (samples != null) {
			this.reference.add(System.nanoTime() - asked);
		}
		long sent = System.nanoTime();
		HttpResponse<String> added = change("POST", this.a + "/api/me/directives",
				"{\"effect\":\"deny\",\"organisations\":[\"A81001\"]}");
		long acknowledged = System.nanoTime();
		if (added.statusCode() != 201 && added.statusCode() != 200) {
			throw new IllegalStateException("adding the directive: " + added.statusCode() + " " + added.body());
		}
		String id = Http.JSON.readTree(added.body()).get("directive").get("id").asString();
		Sample deny = awaitOnB(index, "deny", false, acknowledged - sent, acknowledged);
		sent = System.nanoTime();
		HttpResponse<String> revoked = change("DELETE", this.a + "/api/me/directives/" + id, null);
		acknowledged = System.nanoTime();
		if (revoked.statusCode() != 200 && revoked.statusCode() != 204) {
			throw new IllegalStateException("revoking the directive: " + revoked.statusCode() + " " + revoked.body());
		}
		Sample permit = awaitOnB(index, "revoke", true, acknowledged - sent, acknowledged);
		if (samples != null) {
			samples.add(deny);
			samples.add(permit);
		}
	}

	private Sample awaitOnB(int index, String kind, boolean expected, long changeNanos, long acknowledged)
			throws Exception {
		int polls = 0;
		int stale = 0;
		while (true) {
			boolean decision = decideOnB();
			long now = System.nanoTime();
			polls++;
			if (decision == expected) {
				return new Sample(index, kind, changeNanos, now - acknowledged, polls, stale);
			}
			stale++;
			if (now - acknowledged > this.timeoutNanos) {
				throw new IllegalStateException("node B did not reflect the " + kind + " of cycle " + index + " within "
						+ Duration.ofNanos(this.timeoutNanos).toMillis() + " ms (" + polls + " decisions)");
			}
		}
	}

	private boolean decideOnB() throws Exception {
		for (int attempt = 0;; attempt++) {
			HttpResponse<String> response = HTTP
				.send(HttpRequest.newBuilder(URI.create(this.b + "/access/v1/evaluation"))
					.timeout(Duration.ofSeconds(20))
					.header("Authorization", "Bearer " + this.gp)
					.header("Content-Type", "application/json")
					.header("Accept", "application/json")
					.POST(HttpRequest.BodyPublishers.ofByteArray(this.evaluation))
					.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401 && attempt == 0) {
				this.gp = Http.clientToken(this.b + "/oauth2/token", GP_CLIENT, GP_SECRET, "decision");
				continue;
			}
			if (response.statusCode() != 200) {
				throw new IllegalStateException("evaluation on B: " + response.statusCode() + " " + response.body());
			}
			JsonNode decision = Http.JSON.readTree(response.body()).get("decision");
			return decision.asBoolean();
		}
	}

	private HttpResponse<String> change(String method, String url, String json) throws Exception {
		for (int attempt = 0;; attempt++) {
			HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(20))
				.header("Authorization", "Bearer " + this.citizen)
				.header("Accept", "application/json");
			if (json != null) {
				request.header("Content-Type", "application/json")
					.method(method, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
			}
			else {
				request.method(method, HttpRequest.BodyPublishers.noBody());
			}
			HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 401 && attempt == 0) {
				// the citizen's access token expired: log in again (outside any measured
				// interval)
				this.citizen = Http.personToken(this.a, "concord-console", this.a + "/console/callback", CITIZEN_USER,
						CITIZEN_PASSWORD);
				continue;
			}
			return response;
		}
	}

	private static void write(Path file, List<Sample> samples) throws IOException {
		if (file.getParent() != null) {
			Files.createDirectories(file.getParent());
		}
		try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
			out.println("cycle,kind,change_ms,lag_ms,polls,stale");
			for (Sample s : samples) {
				out.printf(Locale.ROOT, "%d,%s,%.3f,%.3f,%d,%d%n", s.cycle(), s.kind(), s.changeNanos() / 1e6,
						s.lagNanos() / 1e6, s.polls(), s.stale());
			}
		}
	}

	private static void report(List<Sample> samples, List<Long> reference, int cycles, long elapsed) {
		System.out.printf(Locale.ROOT, "RevocationLagBenchmark %s: %d cycles (%d changes) in %.1f s%n", Instant.now(),
				cycles, samples.size(), elapsed / 1e9);
		System.out.println("| changes on A, decision on B | count | lag p50 ms | p90 ms | p99 ms | max ms | mean ms "
				+ "| stale answers | B decisions per change (mean) | A change p50 ms | A change p99 ms |");
		System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
		row("deny directive added", samples.stream().filter((s) -> s.kind().equals("deny")).toList());
		row("deny directive revoked", samples.stream().filter((s) -> s.kind().equals("revoke")).toList());
		row("all", samples);
		long[] plain = reference.stream().mapToLong(Long::longValue).sorted().toArray();
		if (plain.length > 0) {
			System.out.printf(Locale.ROOT,
					"| reference: a decision on B with no change pending | %d | %.1f | %.1f | %.1f "
							+ "| %.1f | %.1f | - | - | - | - |%n",
					plain.length, percentile(plain, 50) / 1e6, percentile(plain, 90) / 1e6, percentile(plain, 99) / 1e6,
					plain[plain.length - 1] / 1e6, Arrays.stream(plain).average().orElse(0) / 1e6);
		}
		int tenth = Math.max(1, samples.size() / 10);
		row("first 10 %", samples.subList(0, tenth));
		row("last 10 %", samples.subList(samples.size() - tenth, samples.size()));
		long[] lags = samples.stream().mapToLong(Sample::lagNanos).sorted().toArray();
		double p99 = percentile(lags, 99) / 1e6;
		System.out.printf(Locale.ROOT,
				"LAG_RESULT count=%d p50_ms=%.1f p90_ms=%.1f p99_ms=%.1f max_ms=%.1f stale=%d "
						+ "target_p99_le_100ms=%s%n",
				lags.length, percentile(lags, 50) / 1e6, percentile(lags, 90) / 1e6, p99, lags[lags.length - 1] / 1e6,
				samples.stream().mapToInt(Sample::stale).sum(), p99 <= 100.0);
	}

	private static void row(String name, List<Sample> samples) {
		if (samples.isEmpty()) {
			return;
		}
		long[] lags = samples.stream().mapToLong(Sample::lagNanos).sorted().toArray();
		long[] changes = samples.stream().mapToLong(Sample::changeNanos).sorted().toArray();
		System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.2f | %.1f | %.1f |%n",
				name, lags.length, percentile(lags, 50) / 1e6, percentile(lags, 90) / 1e6, percentile(lags, 99) / 1e6,
				lags[lags.length - 1] / 1e6, Arrays.stream(lags).average().orElse(0) / 1e6,
				samples.stream().mapToInt(Sample::stale).sum(),
				samples.stream().mapToInt(Sample::polls).average().orElse(0), percentile(changes, 50) / 1e6,
				percentile(changes, 99) / 1e6);
	}

	/** Nearest-rank percentile of sorted values. */
	private static long percentile(long[] sorted, double p) {
		int rank = (int) Math.ceil(p / 100.0 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

	private static void log(String message) {
		System.err.println("[" + Instant.now() + "] " + message);
	}

}
