package care.concord.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.TestFixtures;
import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Invariants of the decision procedure of consent-decisions.md over generated citizens
 * and requests. Values are drawn from small pools so that directives often match requests
 * and the interesting layers are reached.
 */
class ConsentDecisionEngineProperties {

	private static final ConsentDecisionEngine ENGINE = new ConsentDecisionEngine();

	private static final NhsNumber SUBJECT = NhsNumber.parse(TestFixtures.NHS_NUMBER);

	private static final Instant AT = TestFixtures.AT;

	private static final String[] ORGANISATIONS = { "A81001", "RR8", "FA123", "SC101", "RES01", "CCG1" };

	private static final String[] ROLES = { "clinician", "nurse", "admin-staff", "researcher" };

	/**
	 * The spec's table of reasons, written out independently of {@link Reason}, to check
	 * decisions against.
	 */
	private static final Map<String, SpecReason> SPEC_REASONS = Map.ofEntries(
			Map.entry("purpose-not-permitted", new SpecReason("deny", Set.of())),
			Map.entry("own-record", new SpecReason("permit", Set.of())),
			Map.entry("break-glass-requires-emergency-purpose", new SpecReason("deny", Set.of())),
			Map.entry("break-glass-reason-required", new SpecReason("deny", Set.of())),
			Map.entry("break-glass", new SpecReason("permit", Set.of("notify-subject", "review"))),
			Map.entry("directive-permit", new SpecReason("permit", Set.of())),
			Map.entry("directive-deny", new SpecReason("deny", Set.of())),
			Map.entry("national-data-opt-out", new SpecReason("deny", Set.of())),
			Map.entry("explicit-consent-required", new SpecReason("deny", Set.of())),
			Map.entry("implied-consent", new SpecReason("permit", Set.of())),
			Map.entry("no-legitimate-relationship", new SpecReason("deny", Set.of())),
			Map.entry("opt-out-model", new SpecReason("permit", Set.of("deidentify"))));

	@Property(tries = 400)
	void decideWhenRevokedOrInactiveDirectiveAddedThenDecisionUnchanged(@ForAll("scenarios") Scenario scenario,
			@ForAll("inactivity") int inactivity) {
		Directive.Builder inactive = scenario.extra().toBuilder();
		Instant at = scenario.request().at();
		switch (inactivity) {
			case 0 -> inactive.status("revoked");
			case 1 -> inactive.start(null).end(at);
			default -> inactive.start(at.plusSeconds(1)).end(null);
		}

		Decision before = ENGINE.decide(scenario.citizen(), scenario.request());
		Decision after = ENGINE.decide(with(scenario.citizen(), inactive.build()), scenario.request());

		assertThat(outcome(after)).isEqualTo(outcome(before));
	}

	@Property(tries = 400)
	void decideWhenDenyDirectiveAddedThenDenyNeverBecomesPermit(@ForAll("scenarios") Scenario scenario) {
		Decision before = ENGINE.decide(scenario.citizen(), scenario.request());
		Directive deny = scenario.extra().toBuilder().effect("deny").build();
		Decision after = ENGINE.decide(with(scenario.citizen(), deny), scenario.request());

		if (before.effect() == Effect.DENY) {
			assertThat(after.effect()).isEqualTo(Effect.DENY);
		}
	}

	@Property(tries = 400)
	void decideWhenDirectivesPermutedThenDecisionUnchanged(@ForAll("scenarios") Scenario scenario, @ForAll long seed) {
		Citizen citizen = scenario.citizen();
		List<Directive> shuffled = new ArrayList<>(citizen.directives());
		Collections.shuffle(shuffled, new Random(seed));

		Decision original = ENGINE.decide(citizen, scenario.request());
		Decision permuted = ENGINE.decide(new Citizen(citizen.nhsNumber(), citizen.nationalOptOut(), shuffled),
				scenario.request());

		assertThat(outcome(permuted)).isEqualTo(outcome(original));
	}

	@Property(tries = 600)
	void decideWhenAnyInputThenReasonConsistentWithEffectObligationsAndDirective(
			@ForAll("scenarios") Scenario scenario) {
		Citizen citizen = scenario.citizen();
		AccessRequest request = scenario.request();
		Decision decision = ENGINE.decide(citizen, request);

		SpecReason spec = SPEC_REASONS.get(decision.reason().code());
		assertThat(spec).as("reason %s is a spec reason", decision.reason()).isNotNull();
		assertThat(decision.effect().code()).isEqualTo(spec.effect());
		assertThat(decision.obligations().stream().map(Obligation::code).toList())
			.containsExactlyInAnyOrderElementsOf(spec.obligations());
		if (decision.reason().namesDirective()) {
			Directive deciding = decision.decidingDirective();
			assertThat(citizen.directives()).contains(deciding);
			assertThat(deciding.matches(request)).isTrue();
			assertThat(deciding.effect()).isEqualTo(decision.effect());
		}
		else {
			assertThat(decision.decidingDirectiveId()).isNull();
		}
		assertThat(decision.explanation()).isNotBlank().endsWith(".");
	}

	@Property(tries = 300)
	void buildWhenVocabularyUnknownThenInvalidRequestNeverDecision(@ForAll("unknownCodes") String code,
			@ForAll("vocabularyFields") int field) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> {
			AccessRequest.Builder request = TestFixtures.request();
			Directive.Builder directive = TestFixtures.directive("d1", "deny");
			switch (field) {
				case 0 -> request.orgType(code);
				case 1 -> request.category(code);
				case 2 -> request.purpose(code);
				case 3 -> request.role(code);
				case 4 -> directive.effect(code);
				case 5 -> directive.status(code);
				case 6 -> directive.orgTypeCodes(List.of(code));
				case 7 -> directive.categoryCodes(List.of(code));
				default -> directive.purposeCodes(List.of(code));
			}
			ENGINE.decide(TestFixtures.citizen(directive.build()), request.build());
		});
	}

	private record SpecReason(String effect, Set<String> obligations) {
	}

	private static Citizen with(Citizen citizen, Directive extra) {
		List<Directive> directives = new ArrayList<>(citizen.directives());
		directives.add(extra);
		return new Citizen(citizen.nhsNumber(), citizen.nationalOptOut(), directives);
	}

	/**
	 * What the case file compares: effect, reason, obligations and deciding directive.
	 */
	private static List<Object> outcome(Decision decision) {
		return Arrays.asList(decision.effect(), decision.reason(), decision.obligations(),
				decision.decidingDirectiveId());
	}

	/**
	 * Requests weighted towards the layers that involve directives: mostly an
	 * organisation type the purpose permits, mostly no break glass.
	 */
	@Provide
	Arbitrary<AccessRequest> requests() {
		return Arbitraries.of(Purpose.class).flatMap(purpose -> {
			Arbitrary<OrgType> orgType = Arbitraries.frequencyOf(
					Tuple.of(9, Arbitraries.of(purpose.permittedOrgTypes())),
					Tuple.of(1, Arbitraries.of(OrgType.class)));
			Arbitrary<String> breakGlass = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("none")),
					Tuple.of(2, Arbitraries.of("", " ", "collapsed")));
			return Combinators
				.combine(Arbitraries.of(ORGANISATIONS), orgType, Arbitraries.of(ROLES), Arbitraries.of(ORGANISATIONS),
						Arbitraries.of(Category.class), Arbitraries.of(true, false),
						Arbitraries.of(AT.minusSeconds(86_400), AT, AT.plusSeconds(86_400)), breakGlass)
				.as((organisation, type, role, holder, category, relationship, at, glass) -> TestFixtures.request()
					.requester(organisation, type.code(), role)
					.holder(holder)
					.category(category.code())
					.purpose(purpose.code())
					.relationship(relationship)
					.at(at)
					.breakGlassReason(glass.equals("none") ? null : glass)
					.build());
		});
	}

	/**
	 * A citizen, a request about them, and one more directive, all scoped around the
	 * request's values.
	 */
	@Provide
	Arbitrary<Scenario> scenarios() {
		return requests().flatMap(
				request -> Combinators
					.combine(Arbitraries.of(true, false), directiveAround(request).list().ofMaxSize(6),
							directiveAround(request))
					.as((optOut, directives, extra) -> {
						List<Directive> identified = new ArrayList<>();
						for (int i = 0; i < directives.size(); i++) {
							identified.add(directives.get(i).toBuilder().id("d" + i).build());
						}
						return new Scenario(new Citizen(SUBJECT, optOut, identified), request,
								extra.toBuilder().id("zz-extra").build());
					}));
	}

	/**
	 * A directive whose scope lists are often empty or contain the request's value, so
	 * that it often matches.
	 */
	private Arbitrary<Directive> directiveAround(AccessRequest request) {
		Arbitrary<Instant[]> periods = Arbitraries.of(new Instant[] { null, null },
				new Instant[] { AT.minusSeconds(3600), AT.plusSeconds(3600) }, new Instant[] { null, AT },
				new Instant[] { AT, null }, new Instant[] { AT.plusSeconds(1), null });
		return Combinators
			.combine(Arbitraries.of("permit", "deny"), Arbitraries.of("active", "active", "active", "revoked"),
					scope(request.requester().organisation(), List.of(ORGANISATIONS)),
					scope(request.requester().role(), List.of(ROLES)),
					scope(request.requester().orgType(), List.of(OrgType.values())),
					scope(request.category(), List.of(Category.values())),
					scope(request.purpose(), List.of(Purpose.values())), periods)
			.as((effect, status, orgs, roles, types, categories, purposes, period) -> Directive.builder()
				.id("unset")
				.effect(effect)
				.status(status)
				.organisations(orgs)
				.roles(roles)
				.orgTypes(types.toArray(OrgType[]::new))
				.categories(categories.toArray(Category[]::new))
				.purposes(purposes.toArray(Purpose[]::new))
				.start(period[0])
				.end(period[1])
				.build());
	}

	/**
	 * Empty ("any"), exactly the request's value, or one or two values from the whole
	 * pool.
	 */
	private static <T> Arbitrary<List<T>> scope(T requested, List<T> pool) {
		return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(List.<T>of())),
				Tuple.of(3, Arbitraries.just(List.of(requested))),
				Tuple.of(2, Arbitraries.of(pool).list().ofMinSize(1).ofMaxSize(2).uniqueElements()));
	}

	/**
	 * A generated citizen, a request about them and one more directive not yet among
	 * theirs.
	 */
	record Scenario(Citizen citizen, AccessRequest request, Directive extra) {
	}

	@Provide
	Arbitrary<Integer> inactivity() {
		return Arbitraries.integers().between(0, 2);
	}

	@Provide
	Arbitrary<Integer> vocabularyFields() {
		return Arbitraries.integers().between(0, 8);
	}

	/**
	 * Strings that are no code of any vocabulary, including near misses such as upper
	 * case and FHIR codes.
	 */
	@Provide
	Arbitrary<String> unknownCodes() {
		Set<String> known = new java.util.HashSet<>();
		EnumSet.allOf(OrgType.class).forEach(t -> known.add(t.code()));
		EnumSet.allOf(Category.class).forEach(c -> known.add(c.code()));
		EnumSet.allOf(Purpose.class).forEach(p -> known.add(p.code()));
		List.of("permit", "deny", "active", "revoked").forEach(known::add);
		Arbitrary<String> nearMisses = Arbitraries.of(new ArrayList<>(known)).map(code -> code.toUpperCase());
		Arbitrary<String> random = Arbitraries.strings()
			.withCharRange('A', 'Z')
			.withChars("_ 0123456789")
			.ofMinLength(1)
			.ofMaxLength(12);
		return Arbitraries.oneOf(nearMisses, random, Arbitraries.of("", "TREAT", "planning ", " gp"))
			.filter(code -> !known.contains(code));
	}

}
