package care.concord.server.federation;

/**
 * An upstream identity that Concord does not let sign in, with the reason.
 */
public class FederatedSignInException extends RuntimeException {

	private final SignInRefusal refusal;

	public FederatedSignInException(SignInRefusal refusal, String detail) {
		super(refusal.code() + ": " + detail);
		this.refusal = refusal;
	}

	public SignInRefusal refusal() {
		return this.refusal;
	}

}
