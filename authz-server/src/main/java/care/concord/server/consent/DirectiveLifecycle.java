package care.concord.server.consent;

import java.time.Instant;
import java.util.Objects;

import care.concord.policy.citizen.Directive;
import care.concord.policy.citizen.DirectiveStatus;
import care.concord.server.domain.StateConflictException;

/**
 * The lifecycle of a directive, as an explicit state machine. Every transition checks the
 * current state first and yields the next {@link DirectiveVersion}; nothing is changed in
 * place.
 *
 * <pre>
 *   (none) --create--&gt; active --change--&gt; active (version n+1)
 *                          |
 *                          +----revoke--&gt; revoked (version n+1, terminal)
 * </pre>
 *
 * A revoked directive cannot be changed or revoked again (409): the citizen makes a new
 * directive instead.
 */
public final class DirectiveLifecycle {

	private DirectiveLifecycle() {
	}

	/** Create: the first version of a new directive, active. */
	public static DirectiveVersion create(ConsentActor actor, Directive draft, Instant now) {
		requireStatus(draft, DirectiveStatus.ACTIVE, "a new directive must be active");
		return new DirectiveVersion(actor.subject(), draft.toBuilder().createdAt(now).build(), 1, now, actor.username(),
				actor.onBehalfOf(), null);
	}

	/**
	 * Change: active to active, the next version with the draft's scope, effect and
	 * period.
	 * @throws StateConflictException (409) when the directive is revoked
	 */
	public static DirectiveVersion change(DirectiveVersion current, ConsentActor actor, Directive draft, Instant now) {
		requireActive(current, "changed");
		Directive next = draft.toBuilder().id(current.id()).status(DirectiveStatus.ACTIVE).createdAt(now).build();
		return new DirectiveVersion(current.subject(), next, current.version() + 1, now, actor.username(),
				actor.onBehalfOf(), null);
	}

	/**
	 * Revoke: active to revoked, the next version with the same scope, status revoked and
	 * the revocation time.
	 * @throws StateConflictException (409) when the directive is already revoked
	 */
	public static DirectiveVersion revoke(DirectiveVersion current, ConsentActor actor, Instant now) {
		requireActive(current, "revoked");
		Directive next = current.directive().toBuilder().status(DirectiveStatus.REVOKED).createdAt(now).build();
		return new DirectiveVersion(current.subject(), next, current.version() + 1, now, actor.username(),
				actor.onBehalfOf(), now);
	}

	private static void requireActive(DirectiveVersion current, String transition) {
		Objects.requireNonNull(current, "current");
		if (!current.isActive()) {
			throw new StateConflictException("directive " + current.id() + " is revoked and cannot be " + transition
					+ "; make a new directive instead");
		}
	}

	private static void requireStatus(Directive draft, DirectiveStatus status, String message) {
		if (draft.status() != status) {
			throw new IllegalArgumentException(message);
		}
	}

}
