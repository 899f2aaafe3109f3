package care.concord.policy.decision;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import care.concord.policy.request.InvalidRequestException;

/**
 * Why a decision came out as it did: the reason codes of consent-decisions.md "Decision
 * procedure", spelt exactly as there, each with the one effect and the obligations the
 * spec gives it.
 *
 * <p>
 * {@link #ORGANISATION_POLICY} is Concord's extension beyond the spec: an optional
 * organisation policy (for example OPA) narrowed a permit of the core engine to a deny.
 * It never appears when no organisation policy is configured.
 */
public enum Reason {

	/** Layer 1: the organisation type may not use the purpose. */
	PURPOSE_NOT_PERMITTED("purpose-not-permitted", Effect.DENY),
	/** Layer 2: the requester holds the data itself. */
	OWN_RECORD("own-record", Effect.PERMIT),
	/** Layer 3: break glass outside emergency care. */
	BREAK_GLASS_REQUIRES_EMERGENCY_PURPOSE("break-glass-requires-emergency-purpose", Effect.DENY),
	/** Layer 3: break glass with a blank reason. */
	BREAK_GLASS_REASON_REQUIRED("break-glass-reason-required", Effect.DENY),
	/** Layer 3: break glass in an emergency, with a reason. */
	BREAK_GLASS("break-glass", Effect.PERMIT, Obligation.NOTIFY_SUBJECT, Obligation.REVIEW),
	/** Layer 4: the most specific matching directive permits. */
	DIRECTIVE_PERMIT("directive-permit", Effect.PERMIT),
	/** Layer 4: the most specific matching directive denies. */
	DIRECTIVE_DENY("directive-deny", Effect.DENY),
	/** Layer 5: research or planning and the citizen opted out nationally. */
	NATIONAL_DATA_OPT_OUT("national-data-opt-out", Effect.DENY),
	/**
	 * Layers 6 and 7: explicit-consent category, or research, without a permitting
	 * directive.
	 */
	EXPLICIT_CONSENT_REQUIRED("explicit-consent-required", Effect.DENY),
	/** Layer 7: direct or emergency care with a known care relationship. */
	IMPLIED_CONSENT("implied-consent", Effect.PERMIT),
	/** Layer 7: direct or emergency care without a known care relationship. */
	NO_LEGITIMATE_RELATIONSHIP("no-legitimate-relationship", Effect.DENY),
	/** Layer 7: planning, de-identified, no opt-out. */
	OPT_OUT_MODEL("opt-out-model", Effect.PERMIT, Obligation.DEIDENTIFY),
	/** Concord extension: an organisation policy narrowed a permit to a deny. */
	ORGANISATION_POLICY("organisation-policy", Effect.DENY);

	private final String code;

	private final Effect effect;

	private final Set<Obligation> obligations;

	Reason(String code, Effect effect, Obligation... obligations) {
		this.code = code;
		this.effect = effect;
		// Shared immutable sets: decisions hand these out, so the hot path allocates
		// none.
		EnumSet<Obligation> set = EnumSet.noneOf(Obligation.class);
		Collections.addAll(set, obligations);
		this.obligations = Collections.unmodifiableSet(set);
	}

	/** The spec code, e.g. {@code directive-deny}. */
	public String code() {
		return this.code;
	}

	/** The only effect a decision with this reason can have. */
	public Effect effect() {
		return this.effect;
	}

	/**
	 * The obligations the spec attaches to this reason (unmodifiable; empty for most).
	 */
	public Set<Obligation> obligations() {
		return this.obligations;
	}

	/** True for the reasons that name a deciding directive. */
	public boolean namesDirective() {
		return this == DIRECTIVE_PERMIT || this == DIRECTIVE_DENY;
	}

	/**
	 * The reason with the given code.
	 * @throws InvalidRequestException (field {@code reason}) for null or unknown codes
	 */
	public static Reason fromCode(String code) {
		for (Reason reason : values()) {
			if (reason.code.equals(code)) {
				return reason;
			}
		}
		throw new InvalidRequestException("reason",
				(code == null) ? "reason is missing" : "unknown reason '" + code + "'");
	}

	@Override
	public String toString() {
		return this.code;
	}

}
