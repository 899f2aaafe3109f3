package care.concord.server.uma;

import java.util.Optional;

/**
 * Server-side store of UMA permission tickets, shared by every node (JDBC here; a Redis
 * store may replace it). A ticket is a random handle (at least 128 bits) for the
 * permissions a resource server requested; the store keeps the permissions and gives the
 * ticket back exactly once.
 *
 * <pre>
 *   issue() --&gt; [stored] --take()--&gt; [consumed]   (take returns it once, then empty)
 *                  |
 *                  +--expiry--&gt; [expired]            (take returns empty)
 * </pre>
 *
 * @see <a href=
 * "https://docs.kantarainitiative.org/uma/wg/rec-oauth-uma-federated-authz-2.0.html#permission-endpoint">UMA
 * 2.0 Federated Authorization section 4</a>
 */
public interface PermissionTicketStore {

	/**
	 * Stores the ticket until its expiry.
	 * @return the ticket string handed to the resource server
	 */
	String issue(PermissionTicket ticket);

	/**
	 * Atomically gets and deletes a ticket: of any number of concurrent calls with the
	 * same ticket string at most one returns it.
	 * @return the ticket if it was stored, not yet taken and not expired; otherwise empty
	 */
	Optional<PermissionTicket> take(String ticket);

}
