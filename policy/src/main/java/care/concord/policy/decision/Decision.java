package care.concord.policy.decision;

import java.util.List;
import java.util.Set;

import care.concord.policy.citizen.Directive;
import care.concord.policy.request.AccessRequest;

/**
 * The outcome of one consent decision (consent-decisions.md "Decision procedure"): the
 * effect, the spec reason code, the obligations the spec attaches to it, the deciding
 * directive for {@code directive-*} reasons, and the layer that decided. A deny is a
 * result, not an exception.
 *
 * <p>
 * Effect and obligations follow from the reason (each spec reason has exactly one effect
 * and fixed obligations), so a decision cannot be inconsistent. {@link #explanation()} is
 * worked out only when asked for, so that deciding stays cheap.
 */
public final class Decision {

	private final Reason reason;

	private final String layer;

	private final AccessRequest request;

	private final Directive directive;

	private final Decision narrowed;

	private final List<String> policyReasons;

	/**
	 * Computed on first use; racy publication is harmless because String is immutable and
	 * the text is idempotent.
	 */
	private String explanation;

	Decision(Reason reason, String layer, AccessRequest request, Directive directive) {
		this(reason, layer, request, directive, null, List.of());
	}

	private Decision(Reason reason, String layer, AccessRequest request, Directive directive, Decision narrowed,
			List<String> policyReasons) {
		this.reason = reason;
		this.layer = layer;
		this.request = request;
		this.directive = directive;
		this.narrowed = narrowed;
		this.policyReasons = policyReasons;
	}

	/**
	 * A deny with reason {@code organisation-policy}, narrowing the given core permit.
	 */
	static Decision narrowedByOrganisationPolicy(Decision permit, List<String> policyReasons) {
		return new Decision(Reason.ORGANISATION_POLICY, OrganisationPolicy.LAYER, permit.request, null, permit,
				List.copyOf(policyReasons));
	}

	/** Permit or deny; always {@code reason().effect()}. */
	public Effect effect() {
		return this.reason.effect();
	}

	/** True for a permit. */
	public boolean isPermit() {
		return this.reason.effect() == Effect.PERMIT;
	}

	/** The spec reason code. */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The obligations that come with this decision (unmodifiable); empty except for break
	 * glass and planning.
	 */
	public Set<Obligation> obligations() {
		return this.reason.obligations();
	}

	/**
	 * The id of the deciding directive for
	 * {@code directive-permit}/{@code directive-deny}, otherwise null.
	 */
	public String decidingDirectiveId() {
		return (this.directive != null) ? this.directive.id() : null;
	}

	/** The deciding directive for {@code directive-*} reasons, otherwise null. */
	public Directive decidingDirective() {
		return this.directive;
	}

	/**
	 * The simple name of the layer that decided, e.g. {@code DirectiveRule}, or
	 * {@code OrganisationPolicy}.
	 */
	public String layer() {
		return this.layer;
	}

	/** The request decided on. */
	public AccessRequest request() {
		return this.request;
	}

	/**
	 * For an {@code organisation-policy} deny, the core engine's permit it narrowed (so
	 * that audit can record both); otherwise null.
	 */
	public Decision narrowedPermit() {
		return this.narrowed;
	}

	/**
	 * The reasons an organisation policy gave for narrowing; empty for other decisions.
	 */
	public List<String> organisationPolicyReasons() {
		return this.policyReasons;
	}

	/**
	 * One plain-English sentence a citizen can read, e.g. "Your directive of 3 March 2026
	 * denies mental-health records to social care." Dates are written in UK time.
	 */
	public String explanation() {
		String text = this.explanation;
		if (text == null) {
			text = Explanations.explain(this);
			this.explanation = text;
		}
		return text;
	}

	/**
	 * The explanation for that audience: {@link Audience#CITIZEN} as
	 * {@link #explanation()}, {@link Audience#OTHERS} in the third person for IG officers
	 * and agencies ("The citizen's directive of 3 March 2026 denies ...").
	 */
	public String explanation(Audience audience) {
		return (audience == Audience.CITIZEN) ? explanation() : Explanations.explain(this, audience);
	}

	@Override
	public String toString() {
		return this.reason.effect() + " " + this.reason + " " + this.reason.obligations()
				+ ((this.directive != null) ? " " + this.directive.id() : "") + " (" + this.layer + ")";
	}

}
