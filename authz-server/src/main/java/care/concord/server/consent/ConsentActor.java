package care.concord.server.consent;

import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;
import care.concord.server.audit.AuditActor;

/**
 * Who acts on whose consent: the citizen whose consent it is, the signed-in person acting
 * (the citizen, or a proxy the citizen named), and, for a proxy, the citizen's username
 * they act on behalf of. Always worked out from the bearer token and the proxy table
 * ({@link ConsentActorResolver}), never from a request body.
 *
 * @param subject the citizen whose consent is read or changed
 * @param username the signed-in person acting
 * @param onBehalfOf the citizen's username when {@code username} is their proxy; null
 * when the citizen acts
 */
public record ConsentActor(NhsNumber subject, String username, String onBehalfOf) {

	public ConsentActor {
		Objects.requireNonNull(subject, "subject");
		if (username == null || username.isBlank()) {
			throw new IllegalArgumentException("username is required");
		}
	}

	/** The citizen acting on their own consent. */
	public static ConsentActor self(NhsNumber subject, String username) {
		return new ConsentActor(subject, username, null);
	}

	/** True when a proxy acts for the citizen. */
	public boolean isProxy() {
		return this.onBehalfOf != null;
	}

	/**
	 * The actor as the audit log records it: the user, on behalf of the citizen for a
	 * proxy.
	 */
	public AuditActor auditActor() {
		return AuditActor.user(this.username).withOnBehalfOf(this.onBehalfOf);
	}

}
