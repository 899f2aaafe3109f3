package care.concord.server.federation;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * A sign-in through an upstream provider that Concord refused after the provider vouched
 * for the person.
 */
public final class FederatedSignInFailure extends OAuth2AuthenticationException {

	private final SignInRefusal refusal;

	private final String provider;

	private final String subject;

	FederatedSignInFailure(SignInRefusal refusal, String provider, String subject, String detail) {
		super(new OAuth2Error("access_denied", refusal.code(), null), refusal.code() + ": " + detail);
		this.refusal = refusal;
		this.provider = provider;
		this.subject = subject;
	}

	public SignInRefusal refusal() {
		return this.refusal;
	}

	public String provider() {
		return this.provider;
	}

	public String subject() {
		return this.subject;
	}

}
