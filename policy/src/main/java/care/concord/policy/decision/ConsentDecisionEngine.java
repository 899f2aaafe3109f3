package care.concord.policy.decision;

import java.util.List;

import care.concord.policy.citizen.Citizen;
import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.InvalidRequestException;

/**
 * The consent decision engine of consent-decisions.md: seven named layers in the spec's
 * order, the first layer that decides wins ({@link PurposeRule}, {@link OwnRecordRule},
 * {@link BreakGlassRule}, {@link DirectiveRule}, {@link NationalOptOutRule},
 * {@link ExplicitConsentRule}, {@link PurposeDefaultRule}), then optionally an
 * {@link OrganisationPolicy} that may narrow a permit to a deny.
 *
 * <p>
 * Thread-safe and stateless: one instance serves all requests. Deciding allocates one
 * {@link Decision} and nothing else (the explanation is only worked out when read).
 */
public final class ConsentDecisionEngine implements DecisionEngine {

	private static final DecisionRule[] LAYERS = { new PurposeRule(), new OwnRecordRule(), new BreakGlassRule(),
			new DirectiveRule(), new NationalOptOutRule(), new ExplicitConsentRule(), new PurposeDefaultRule() };

	private final OrganisationPolicy organisationPolicy;

	/** The engine of the spec alone, without organisation policy. */
	public ConsentDecisionEngine() {
		this(null);
	}

	/**
	 * The engine of the spec followed by an organisation policy that may narrow permits.
	 * @param organisationPolicy the policy, or null for none
	 */
	public ConsentDecisionEngine(OrganisationPolicy organisationPolicy) {
		this.organisationPolicy = organisationPolicy;
	}

	/** The seven layers, in the order they are applied. */
	public static List<DecisionRule> layers() {
		return List.of(LAYERS);
	}

	@Override
	public Decision decide(Citizen citizen, AccessRequest request) {
		if (citizen == null) {
			throw new InvalidRequestException("citizen", "citizen is missing");
		}
		if (request == null) {
			throw new InvalidRequestException("request", "request is missing");
		}
		if (!request.subject().equals(citizen.nhsNumber())) {
			throw new InvalidRequestException("request.subject",
					"subject is not the citizen whose consent was supplied (citizen.nhs_number)");
		}
		Decision decision = null;
		for (DecisionRule layer : LAYERS) {
			decision = layer.apply(citizen, request);
			if (decision != null) {
				break;
			}
		}
		if (decision == null) {
			// Unreachable while PurposeDefaultRule decides every purpose; fail closed
			// rather than return null.
			throw new IllegalStateException("no layer decided " + request);
		}
		if (this.organisationPolicy != null && decision.isPermit()) {
			return narrow(request, decision);
		}
		return decision;
	}

	private Decision narrow(AccessRequest request, Decision permit) {
		OrganisationVerdict verdict;
		try {
			verdict = this.organisationPolicy.evaluate(request, permit);
		}
		catch (RuntimeException ex) {
			// Fail closed: a policy that cannot answer must not leave a permit standing.
			return Decision.narrowedByOrganisationPolicy(permit,
					List.of("the organisation policy could not be checked (" + ex.getClass().getSimpleName() + ")"));
		}
		if (verdict != null && verdict.allowed()) {
			return permit;
		}
		return Decision.narrowedByOrganisationPolicy(permit,
				(verdict != null) ? verdict.reasons() : List.of("the organisation policy gave no answer"));
	}

}
