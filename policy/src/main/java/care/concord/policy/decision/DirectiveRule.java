package care.concord.policy.decision;

import java.util.List;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;

/**
 * Layer 4 of consent-decisions.md, citizen directives: among the directives matching the
 * request ({@link Directive#matches}) the most specific decides
 * ({@link Directive#specificity}); on a tie deny wins, giving {@code directive-permit} or
 * {@code directive-deny} with the directive's id.
 *
 * <p>
 * The spec does not say which of two equally specific directives with the same effect is
 * named; the one with the smaller id (by {@link String#compareTo}) is, so that the
 * decision never depends on the order in which directives were stored.
 */
public final class DirectiveRule implements DecisionRule {

	static final String NAME = "DirectiveRule";

	@Override
	public Decision apply(Citizen citizen, AccessRequest request) {
		List<Directive> directives = citizen.directives();
		Directive best = null;
		// Indexed loop over an immutable random-access list: no iterator on the hot path.
		for (int i = 0, n = directives.size(); i < n; i++) {
			Directive candidate = directives.get(i);
			if (candidate.matches(request) && (best == null || beats(candidate, best))) {
				best = candidate;
			}
		}
		if (best == null) {
			return null;
		}
		Reason reason = (best.effect() == Effect.DENY) ? Reason.DIRECTIVE_DENY : Reason.DIRECTIVE_PERMIT;
		return new Decision(reason, NAME, request, best);
	}

	/**
	 * The total order of layer 4: specificity, then deny over permit, then the smaller
	 * id.
	 */
	static boolean beats(Directive candidate, Directive best) {
		if (candidate.specificity() != best.specificity()) {
			return candidate.specificity() > best.specificity();
		}
		if (candidate.effect() != best.effect()) {
			return candidate.effect() == Effect.DENY;
		}
		return candidate.id().compareTo(best.id()) < 0;
	}

	@Override
	public String name() {
		return NAME;
	}

}
