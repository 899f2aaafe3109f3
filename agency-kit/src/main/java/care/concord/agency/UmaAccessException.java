package care.concord.agency;

/**
 * Concord refused to grant access for a protected server's ticket ({@code error} is
 * Concord's OAuth error code). The subclasses are the answers an application handles:
 * {@link RequestDeniedException} and {@link NeedInfoException}.
 */
public class UmaAccessException extends RuntimeException {

	private final String error;

	public UmaAccessException(String error, String description) {
		super(error + ((description != null && !description.isEmpty()) ? ": " + description : ""));
		this.error = error;
	}

	/**
	 * Concord's error code, e.g. {@code request_denied}, {@code need_info},
	 * {@code invalid_grant}.
	 */
	public String error() {
		return this.error;
	}

}
