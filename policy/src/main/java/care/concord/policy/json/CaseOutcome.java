package care.concord.policy.json;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import care.concord.policy.decision.Decision;
import care.concord.policy.decision.Effect;
import care.concord.policy.decision.Obligation;
import care.concord.policy.decision.Reason;

/**
 * An outcome in the terms of a case file's {@code expect} (consent-decisions.md "Case
 * file form"): either the error {@code invalid-request}, or a decision with effect,
 * reason, obligations (a set) and, for {@code directive-*} reasons, the deciding
 * directive's id.
 *
 * @param error {@code invalid-request} for an error outcome, otherwise null
 * @param effect the decision's effect, null for an error
 * @param reason the decision's reason, null for an error
 * @param obligations the decision's obligations, empty for an error
 * @param directive the deciding directive's id, or null
 * @param detail for an actual error, the engine's message; ignored when comparing
 */
public record CaseOutcome(String error, Effect effect, Reason reason, Set<Obligation> obligations, String directive,
		String detail) {

	/** The only error code of the case-file form. */
	public static final String INVALID_REQUEST = "invalid-request";

	public CaseOutcome {
		obligations = obligations.isEmpty() ? Collections.unmodifiableSet(EnumSet.noneOf(Obligation.class))
				: Collections.unmodifiableSet(EnumSet.copyOf(obligations));
	}

	/** The outcome of a decision. */
	public static CaseOutcome of(Decision decision) {
		return new CaseOutcome(null, decision.effect(), decision.reason(), decision.obligations(),
				decision.decidingDirectiveId(), null);
	}

	/** An invalid-request outcome, with the engine's message as detail. */
	public static CaseOutcome invalidRequest(String detail) {
		return new CaseOutcome(INVALID_REQUEST, null, null, Set.of(), null, detail);
	}

	/** True for an error outcome. */
	public boolean isError() {
		return this.error != null;
	}

	/**
	 * True when an actual outcome meets this expectation: same error code; or same
	 * effect, reason and obligation set, and for {@code directive-*} reasons the same
	 * directive id (the spec compares the directive only then).
	 */
	public boolean isMetBy(CaseOutcome actual) {
		if (isError() || actual.isError()) {
			return isError() && actual.isError() && this.error.equals(actual.error);
		}
		return this.effect == actual.effect && this.reason == actual.reason
				&& this.obligations.equals(actual.obligations)
				&& (!this.reason.namesDirective() || java.util.Objects.equals(this.directive, actual.directive));
	}

	/**
	 * The case-file JSON form, e.g. {@code {"decision": "deny", "reason":
	 * "directive-deny", ...}}.
	 */
	@Override
	public String toString() {
		if (isError()) {
			return "{\"error\": \"" + this.error + "\"}" + ((this.detail != null) ? " (" + this.detail + ")" : "");
		}
		String obligationList = this.obligations.stream()
			.map(o -> "\"" + o.code() + "\"")
			.collect(Collectors.joining(", ", "[", "]"));
		return "{\"decision\": \"" + this.effect.code() + "\", \"reason\": \"" + this.reason.code()
				+ "\", \"obligations\": " + obligationList
				+ ((this.directive != null) ? ", \"directive\": \"" + this.directive + "\"" : "") + "}";
	}

}
