package care.concord.agency;

import java.util.List;

/**
 * Concord needs more claims before it can decide ({@code need_info}): the claim names it
 * asks for, and the new ticket to redeem with them.
 */
public class NeedInfoException extends UmaAccessException {

	private final List<String> requiredClaims;

	private final String ticket;

	public NeedInfoException(List<String> requiredClaims, String ticket) {
		super("need_info", "Concord needs the claims " + requiredClaims);
		this.requiredClaims = List.copyOf(requiredClaims);
		this.ticket = ticket;
	}

	public List<String> requiredClaims() {
		return this.requiredClaims;
	}

	public String ticket() {
		return this.ticket;
	}

}
