package care.concord.server.consent.proxy;

import java.time.Instant;
import java.util.Objects;

import care.concord.identity.nhs.NhsNumber;

/**
 * A citizen's naming of another account (a carer) as their proxy: the proxy may read and
 * manage the citizen's consent until the citizen withdraws it.
 *
 * @param subject the citizen's NHS number
 * @param citizenUsername the citizen's username
 * @param proxyUsername the proxy's username
 * @param createdAt when the citizen named the proxy
 */
public record ProxyGrant(NhsNumber subject, String citizenUsername, String proxyUsername, Instant createdAt) {

	public ProxyGrant {
		Objects.requireNonNull(subject, "subject");
		Objects.requireNonNull(citizenUsername, "citizenUsername");
		Objects.requireNonNull(proxyUsername, "proxyUsername");
		Objects.requireNonNull(createdAt, "createdAt");
	}

}
