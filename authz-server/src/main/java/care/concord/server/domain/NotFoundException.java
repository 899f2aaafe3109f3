package care.concord.server.domain;

/**
 * The thing a request names does not exist, or not for this caller (an agency's record, a
 * citizen's directive). The message is {@code "<what> not found"}.
 */
public class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public NotFoundException(String what) {
		super(what + " not found");
	}

}
