package care.concord.agency;

import java.util.List;

/**
 * Concord decided that the citizen's consent or the information-governance rules do not
 * permit the access ({@code request_denied}), with its reason for each resource, e.g.
 * {@code directive-deny} or {@code no-legitimate-relationship}.
 */
public class RequestDeniedException extends UmaAccessException {

	private final List<Reason> reasons;

	public RequestDeniedException(String description, List<Reason> reasons) {
		super("request_denied", description);
		this.reasons = List.copyOf(reasons);
	}

	/** Concord's reasons, one per resource that was asked for. */
	public List<Reason> reasons() {
		return this.reasons;
	}

	/**
	 * One resource's reason.
	 *
	 * @param resourceId the resource at Concord
	 * @param reason the decision's reason code
	 */
	public record Reason(String resourceId, String reason) {
	}

}
