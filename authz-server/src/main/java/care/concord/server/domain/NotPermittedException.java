package care.concord.server.domain;

/**
 * The caller is known but may not do this: a person acting on a citizen's consent who is
 * neither the citizen nor their proxy, a token not issued to an agency's client. The
 * message says why, without disclosing more.
 */
public class NotPermittedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NotPermittedException(String message) {
		super(message);
	}

}
