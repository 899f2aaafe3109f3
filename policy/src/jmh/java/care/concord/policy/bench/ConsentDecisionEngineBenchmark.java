package care.concord.policy.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.Decision;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;

/**
 * Throughput and latency of {@link ConsentDecisionEngine#decide} for citizens with 0, 5 and 50 directives, over a
 * fixed mix of 1,024 requests (all purposes, organisation types and categories; some own-record and break-glass;
 * mostly reaching the directive layer). Target: at least 1,000,000 decisions/s per core with 5 directives and a
 * p99 of at most 10 µs. Run as documented in docs/benchmarks.md.
 */
@State(Scope.Thread)
public class ConsentDecisionEngineBenchmark {

	private static final String[] ORGANISATIONS = { "A81001", "A81002", "RR8", "RRP", "RX9", "FA123", "SC101",
			"RES01", "CCG1", "RTH" };

	private static final String[] ROLES = { "clinician", "nurse", "social-worker", "pharmacist", "admin-staff",
			"researcher" };

	private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

	private static final int MIX = 1024;

	@Param({ "0", "5", "50" })
	int directives;

	private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

	private Citizen citizen;

	private AccessRequest[] requests;

	private int next;

	@Setup
	public void setUp() {
		// Fixed seed: every run and every directive count decides the same request mix.
		Random random = new Random(20261125L);
		NhsNumber nhsNumber = NhsNumber.parse("9434765919");
		List<Directive> list = new ArrayList<>();
		for (int i = 0; i < this.directives; i++) {
			list.add(directive(random, "d" + i));
		}
		this.citizen = new Citizen(nhsNumber, random.nextInt(4) == 0, list);
		this.requests = new AccessRequest[MIX];
		for (int i = 0; i < MIX; i++) {
			this.requests[i] = request(random);
		}
	}

	private static Directive directive(Random random, String id) {
		Directive.Builder builder = Directive.builder().id(id).effect(random.nextBoolean() ? "permit" : "deny")
			.status((random.nextInt(10) == 0) ? "revoked" : "active");
		if (random.nextInt(3) == 0) {
			builder.organisations(pick(random, ORGANISATIONS));
		}
		if (random.nextInt(3) == 0) {
			builder.orgTypes(pick(random, OrgType.values()));
		}
		if (random.nextInt(4) == 0) {
			builder.roles(pick(random, ROLES));
		}
		if (random.nextInt(2) == 0) {
			builder.categories(pick(random, Category.values()), pick(random, Category.values()));
		}
		if (random.nextInt(3) == 0) {
			builder.purposes(pick(random, Purpose.values()));
		}
		if (random.nextInt(4) == 0) {
			builder.start(AT.minusSeconds(86_400L * random.nextInt(60))).end(AT.plusSeconds(86_400L * random.nextInt(60) + 1));
		}
		return builder.build();
	}

	private static AccessRequest request(Random random) {
		Purpose purpose = (random.nextInt(10) < 7) ? Purpose.DIRECT_CARE : pick(random, Purpose.values());
		// Mostly an organisation type the purpose permits, so that the mix reaches the directive layer.
		OrgType orgType = (random.nextInt(10) < 9) ? pick(random, purpose.permittedOrgTypes().toArray(OrgType[]::new))
				: pick(random, OrgType.values());
		String organisation = pick(random, ORGANISATIONS);
		String holder = (random.nextInt(10) == 0) ? organisation : pick(random, ORGANISATIONS);
		String breakGlass = (random.nextInt(20) == 0) ? "collapsed in clinic" : null;
		return AccessRequest.builder()
			.requester(organisation, orgType.code(), pick(random, ROLES))
			.subject("9434765919")
			.holder(holder)
			.category(pick(random, Category.values()).code())
			.purpose(purpose.code())
			.relationship(random.nextInt(5) != 0)
			.at(AT.plusSeconds(random.nextInt(86_400)))
			.breakGlassReason(breakGlass)
			.build();
	}

	private static <T> T pick(Random random, T[] values) {
		return values[random.nextInt(values.length)];
	}

	private AccessRequest nextRequest() {
		AccessRequest request = this.requests[this.next];
		this.next = (this.next + 1) & (MIX - 1);
		return request;
	}

	/** Decisions per second, one thread. */
	@Benchmark
	@BenchmarkMode(Mode.Throughput)
	@OutputTimeUnit(TimeUnit.SECONDS)
	public Decision decideThroughput() {
		return this.engine.decide(this.citizen, nextRequest());
	}

	/** Latency distribution of single decisions (JMH reports p50, p99, p99.9, ...). */
	@Benchmark
	@BenchmarkMode(Mode.SampleTime)
	@OutputTimeUnit(TimeUnit.MICROSECONDS)
	public Decision decideLatency() {
		return this.engine.decide(this.citizen, nextRequest());
	}

}
