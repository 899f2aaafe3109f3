package care.concord.server.consent;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Citizen;

/**
 * A citizen's consent as stored now: consent version, national data opt-out and the
 * current version of every directive (active and revoked).
 *
 * @param subject the citizen
 * @param version the consent version (0 when the citizen never changed their consent)
 * @param nationalOptOut whether the citizen registered the national data opt-out
 * @param optOutChangedAt when the opt-out was last set, or null
 * @param directives the current version of each directive, oldest change first
 */
public record ConsentState(NhsNumber subject, long version, boolean nationalOptOut, Instant optOutChangedAt,
		List<DirectiveVersion> directives) {

	public ConsentState {
		Objects.requireNonNull(subject, "subject");
		directives = List.copyOf(directives);
	}

	/** The active directives. */
	public List<DirectiveVersion> activeDirectives() {
		return this.directives.stream().filter(DirectiveVersion::isActive).toList();
	}

	/** The citizen as the decision engine reads them: opt-out and active directives. */
	public Citizen toCitizen() {
		return new Citizen(this.subject, this.nationalOptOut,
				activeDirectives().stream().map(DirectiveVersion::directive).toList());
	}

}
