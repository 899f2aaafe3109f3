package care.concord.server.audit;

/**
 * Who acted, as an audit record states it: the agency (ODS organisation code), the OAuth
 * client, the signed-in user, and whom the user acted on behalf of. Any of them may be
 * unknown, but not all.
 *
 * @param agency the requesting agency's organisation code, e.g. {@code A81001}
 * @param clientId the OAuth client id the request came through
 * @param username the person's username (practitioner, IG officer, administrator or
 * citizen)
 * @param onBehalfOf whom the actor acted for, e.g. a practitioner behind a system client,
 * or a proxy's citizen
 */
public record AuditActor(String agency, String clientId, String username, String onBehalfOf) {

	/**
	 * The client id the server uses for what it does on its own account, e.g. scheduled
	 * jobs.
	 */
	public static final String SYSTEM_CLIENT_ID = "concord";

	public AuditActor {
		agency = AuditText.identifier("actor.agency", agency, 64);
		clientId = AuditText.identifier("actor.clientId", clientId, 255);
		username = AuditText.identifier("actor.username", username, 255);
		onBehalfOf = AuditText.identifier("actor.onBehalfOf", onBehalfOf, 255);
		if (agency == null && clientId == null && username == null) {
			throw new IllegalArgumentException("actor needs an agency, a client id or a username");
		}
	}

	/** An agency's system acting through its OAuth client, with no signed-in person. */
	public static AuditActor client(String agency, String clientId) {
		return new AuditActor(agency, clientId, null, null);
	}

	/**
	 * A signed-in person (IG officer, administrator, citizen) acting directly, not
	 * through an agency client.
	 */
	public static AuditActor user(String username) {
		return new AuditActor(null, null, username, null);
	}

	/** The server itself. */
	public static AuditActor system() {
		return new AuditActor(null, SYSTEM_CLIENT_ID, null, null);
	}

	/** This actor with the given signed-in person. */
	public AuditActor withUsername(String username) {
		return new AuditActor(this.agency, this.clientId, username, this.onBehalfOf);
	}

	/** This actor acting on behalf of the given party. */
	public AuditActor withOnBehalfOf(String onBehalfOf) {
		return new AuditActor(this.agency, this.clientId, this.username, onBehalfOf);
	}

}
