package care.concord.server.consent;

import java.util.Objects;

/**
 * One change made to a citizen's consent, as receipts and the audit log name it.
 *
 * @param action what was done: one of the {@code ACTION_*} constants
 * @param directiveId the directive created, changed or revoked; null for an opt-out
 * change
 * @param directiveVersion the directive version recorded; 0 for an opt-out change
 */
public record ConsentChange(String action, String directiveId, int directiveVersion) {

	/** A new directive. */
	public static final String DIRECTIVE_CREATED = "directive-created";

	/** A directive's next version with a changed scope, effect or period. */
	public static final String DIRECTIVE_CHANGED = "directive-changed";

	/** A directive revoked. */
	public static final String DIRECTIVE_REVOKED = "directive-revoked";

	/** The national data opt-out registered. */
	public static final String OPT_OUT_SET = "national-opt-out-set";

	/** The national data opt-out withdrawn. */
	public static final String OPT_OUT_CLEARED = "national-opt-out-cleared";

	public ConsentChange {
		Objects.requireNonNull(action, "action");
	}

	/** The change recording that directive version. */
	public static ConsentChange of(String action, DirectiveVersion version) {
		return new ConsentChange(action, version.id(), version.version());
	}

	/** The change of the national data opt-out. */
	public static ConsentChange optOut(boolean optOut) {
		return new ConsentChange(optOut ? OPT_OUT_SET : OPT_OUT_CLEARED, null, 0);
	}

}
