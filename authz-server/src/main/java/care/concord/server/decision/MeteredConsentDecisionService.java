package care.concord.server.decision;

import care.concord.policy.decision.Decision;
import care.concord.policy.request.InvalidRequestException;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.util.Assert;

/**
 * Counts the decisions of another {@link ConsentDecisionService}: {@value #DECISIONS} by
 * {@code outcome} ({@code permit}, {@code deny}, {@code invalid}, {@code not-audited}),
 * {@code reason} (the reason code, e.g. {@code break-glass}), {@code layer} (the engine
 * layer that decided) and {@code via} (the API that asked). Previews are not decisions
 * and are not counted.
 */
public final class MeteredConsentDecisionService implements ConsentDecisionService {

	/** The counter's name. */
	public static final String DECISIONS = "concord.decisions";

	private final ConsentDecisionService delegate;

	private final MeterRegistry meters;

	public MeteredConsentDecisionService(ConsentDecisionService delegate, MeterRegistry meters) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(meters, "meters cannot be null");
		this.delegate = delegate;
		this.meters = meters;
	}

	@Override
	public AuditedDecision decide(DecisionQuery query) {
		AuditedDecision audited;
		try {
			audited = this.delegate.decide(query);
		}
		catch (InvalidRequestException ex) {
			count("invalid", "invalid-request", "none", query);
			throw ex;
		}
		catch (DecisionNotAuditedException ex) {
			count("not-audited", "none", "none", query);
			throw ex;
		}
		Decision decision = audited.decision();
		count(decision.isPermit() ? "permit" : "deny", decision.reason().code(), decision.layer(), query);
		return audited;
	}

	@Override
	public Decision preview(DecisionQuery query) {
		return this.delegate.preview(query);
	}

	@Override
	public InvalidRequestException invalid(DecisionQuery query, InvalidRequestException error) {
		count("invalid", "invalid-request", "none", query);
		return this.delegate.invalid(query, error);
	}

	private void count(String outcome, String reason, String layer, DecisionQuery query) {
		String via = (query != null) ? query.getDetails().getOrDefault("via", "other") : "other";
		this.meters
			.counter(DECISIONS, "outcome", outcome, "reason", reason, "layer", (layer != null) ? layer : "none", "via",
					via)
			.increment();
	}

}
