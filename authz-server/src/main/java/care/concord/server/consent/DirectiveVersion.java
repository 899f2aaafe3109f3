package care.concord.server.consent;

import java.time.Instant;
import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.citizen.DirectiveStatus;

/**
 * One stored version of a citizen's directive: the directive as the decision engine reads
 * it, its version number (from 1; the highest is the directive's current state), when and
 * by whom the version was recorded, and for a revoked directive when it was revoked.
 * Versions are immutable: a change records the next version.
 *
 * @param subject the citizen
 * @param directive the directive at this version; {@link Directive#createdAt()} is
 * {@code recordedAt}
 * @param version the version number, from 1
 * @param recordedAt when this version was recorded
 * @param recordedBy the username of the person who recorded it (the citizen or their
 * proxy)
 * @param onBehalfOf the citizen's username when a proxy recorded it, else null
 * @param revokedAt when the directive was revoked; non-null exactly when its status is
 * revoked
 */
public record DirectiveVersion(NhsNumber subject, Directive directive, int version, Instant recordedAt,
		String recordedBy, String onBehalfOf, Instant revokedAt) {

	public DirectiveVersion {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(directive, "directive");
		Objects.requireNonNull(recordedAt, "recordedAt");
		Objects.requireNonNull(recordedBy, "recordedBy");
		if (version < 1) {
			throw new IllegalArgumentException("version must be 1 or more");
		}
		if ((directive.status() == DirectiveStatus.REVOKED) != (revokedAt != null)) {
			throw new IllegalArgumentException("revokedAt must be set exactly for a revoked directive");
		}
	}

	/** The directive's id. */
	public String id() {
		return this.directive.id();
	}

	/** True while the directive is in force (not revoked). */
	public boolean isActive() {
		return this.directive.status() == DirectiveStatus.ACTIVE;
	}

}
