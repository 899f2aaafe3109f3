package care.concord.server.people;

import java.util.List;

/**
 * The links the login page offers to sign in through upstream identity providers (NHS
 * login, CIS2), one per provider. Implemented by the federation feature.
 */
public interface UpstreamSignInLinks {

	/** The links, in the order shown. */
	List<Link> links();

	/**
	 * One link.
	 *
	 * @param id the provider's registration id
	 * @param text the link's text
	 * @param path the path (under the context path) that starts the sign-in
	 */
	record Link(String id, String text, String path) {

	}

}
