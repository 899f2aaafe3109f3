import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;

import java.util.List;

import care.concord.agency.ConcordConnection;
import care.concord.agency.ConcordSettings;
import care.concord.agency.Enforcement;
import care.concord.agency.PractitionerClaims;
import care.concord.agency.ProtectedResource;
import care.concord.agency.ResourceProtection;
import care.concord.agency.ResourceRegistry;
import care.concord.agency.UmaChallenge;
import care.concord.agency.UmaClient;

/**
 * The agency kit's cost on a FHIR read (run by bench/agency-kit.sh, in source-file mode with the kit on the class
 * path). One client thread, sequential requests on loopback:
 * <ul>
 * <li>plain: MedicationStatement search on the unprotected server;</li>
 * <li>cached RPT: the same search on the protected server through the kit's client with its cached RPT (the server
 * introspects at most every 500 ms, its cache time);</li>
 * <li>first read: a fresh RPT cache each time: 401 with ticket, UMA grant at Concord (decision + audit), retry.</li>
 * <li>in process: the enforcement point alone ({@code ResourceProtection.enforce}) with a cached RPT, as the
 * hospital's filter runs it on every request, including its re-introspection at Concord every 500 ms.</li>
 * </ul>
 * Plain and cached-RPT requests alternate, so that both see the same machine.
 */
public class AgencyKitBench {

	public static void main(String[] args) throws Exception {
		String concord = args[0];
		String protectedFhir = args[1];
		String plainFhir = args[2];
		int iterations = Integer.parseInt(args[3]);
		int firstReads = Integer.parseInt(args[4]);
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		declareRelationship(http, concord);
		UmaClient uma = new UmaClient(new ConcordConnection(ConcordSettings.of(concord, "a81001-client",
				"demo-secret-a81001")));
		PractitionerClaims claims = PractitionerClaims.directCare("clinician", "bench-1");
		String query = "/MedicationStatement?patient=rr8-1001";
		HttpRequest onProtected = HttpRequest.newBuilder(URI.create(protectedFhir + query)).build();
		HttpRequest onPlain = HttpRequest.newBuilder(URI.create(plainFhir + query)).build();

		int warmup = Math.max(200, iterations / 5);
		long[] plain = new long[iterations];
		long[] cached = new long[iterations];
		for (int i = -warmup; i < iterations; i++) {
			long start = System.nanoTime();
			expect(http.send(onPlain, HttpResponse.BodyHandlers.ofString()));
			long middle = System.nanoTime();
			expect(uma.send(http, onProtected, claims));
			long end = System.nanoTime();
			if (i >= 0) {
				plain[i] = middle - start;
				cached[i] = end - middle;
			}
		}
		long[] first = new long[firstReads];
		for (int i = -Math.min(50, firstReads); i < firstReads; i++) {
			uma.clear();
			long start = System.nanoTime();
			expect(uma.send(http, onProtected, claims));
			if (i >= 0) {
				first[i] = System.nanoTime() - start;
			}
		}
		long[] enforcement = enforcementInProcess(concord, uma, claims, 10);
		report("plain read (unprotected server)", plain);
		report("read with cached RPT (kit)", cached);
		report("first read (challenge, ticket, RPT, retry)", first);
		Arrays.sort(plain);
		Arrays.sort(cached);
		System.out.printf("kit overhead with cached RPT: p50 %.3f ms, p99 %.3f ms (difference of the percentiles)%n",
				(cached[cached.length / 2] - plain[plain.length / 2]) / 1e6,
				(cached[(int) (cached.length * 0.99)] - plain[(int) (plain.length * 0.99)]) / 1e6);
		report("enforcement point alone, cached RPT", enforcement);
		Arrays.sort(enforcement);
		System.out.printf("enforcement point alone: p99.9 %.3f ms%n",
				enforcement[(int) (enforcement.length * 0.999)] / 1e6);
	}

	/**
	 * The hospital's enforcement of one cached RPT, timed call by call for {@code seconds} s after as long a warm-up
	 * (so about 20 re-introspections at Concord per 10 s are among the calls).
	 */
	static long[] enforcementInProcess(String concord, UmaClient uma, PractitionerClaims claims, int seconds) {
		ConcordConnection hospital = new ConcordConnection(ConcordSettings.of(concord, "rr8-client", "demo-secret-rr8"));
		ResourceProtection protection = new ResourceProtection(hospital, new ResourceRegistry(hospital), "RR8");
		List<ProtectedResource> needed = List.of(ProtectedResource.of("9434765919", "medications"));
		Enforcement.Challenge challenge = (Enforcement.Challenge) protection.enforce(null, needed);
		String rpt = uma.redeem(UmaChallenge.parse(challenge.wwwAuthenticate()).orElseThrow(), claims, null).token();
		String authorization = "Bearer " + rpt;
		long[] nanos = new long[20_000_000];
		int count = 0;
		long warm = System.nanoTime() + seconds * 1_000_000_000L;
		long end = warm + seconds * 1_000_000_000L;
		while (true) {
			long start = System.nanoTime();
			Enforcement enforcement = protection.enforce(authorization, needed);
			long now = System.nanoTime();
			if (enforcement.status() != 200) {
				throw new IllegalStateException("not permitted: " + enforcement);
			}
			if (now > end || count == nanos.length) {
				return Arrays.copyOf(nanos, count);
			}
			if (start > warm) {
				nanos[count++] = now - start;
			}
		}
	}

	static void declareRelationship(HttpClient http, String concord) throws Exception {
		String basic = Base64.getEncoder()
			.encodeToString("a81001-client:demo-secret-a81001".getBytes(StandardCharsets.UTF_8));
		HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(concord + "/oauth2/token"))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=decision"))
			.build(), HttpResponse.BodyHandlers.ofString());
		String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
		HttpResponse<String> relationship = http.send(HttpRequest
			.newBuilder(URI.create(concord + "/api/relationships"))
			.header("Authorization", "Bearer " + accessToken)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"9434765919\"}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (relationship.statusCode() >= 300) {
			throw new IllegalStateException("relationship: " + relationship.statusCode() + " " + relationship.body());
		}
	}

	static void expect(HttpResponse<String> response) {
		if (response.statusCode() != 200 || !response.body().contains("Amlodipine")) {
			throw new IllegalStateException("unexpected answer " + response.statusCode() + ": " + response.body());
		}
	}

	static void report(String name, long[] nanos) {
		long[] sorted = nanos.clone();
		Arrays.sort(sorted);
		System.out.printf("%-45s n=%d  p50 %.3f ms  p90 %.3f ms  p99 %.3f ms  max %.3f ms%n", name, sorted.length,
				sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.9)] / 1e6,
				sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
	}

}
