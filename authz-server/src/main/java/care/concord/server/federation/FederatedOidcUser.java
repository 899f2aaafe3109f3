package care.concord.server.federation;

import java.util.List;
import java.util.Set;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * An upstream provider's user as Concord maps them: the local account they sign in as
 * (null for a citizen below the high proofing level, who signs in without one) and what
 * the audit record says of them. Lives only between the provider's answer and
 * {@link FederatedSignInHandlers}, which replaces it in the session by the local
 * account's principal.
 */
public final class FederatedOidcUser extends DefaultOidcUser {

	private final String provider;

	private final UpstreamKind kind;

	private final String username;

	private final Set<String> roles;

	private final NhsLoginIdentity citizen;

	private final Cis2Identity staff;

	FederatedOidcUser(OidcUser user, String provider, UpstreamKind kind, String username, Set<String> roles,
			NhsLoginIdentity citizen, Cis2Identity staff) {
		super(roles.stream().map((role) -> new SimpleGrantedAuthority("ROLE_" + role)).toList(), user.getIdToken(),
				user.getUserInfo());
		this.provider = provider;
		this.kind = kind;
		this.username = username;
		this.roles = Set.copyOf(roles);
		this.citizen = citizen;
		this.staff = staff;
	}

	public String provider() {
		return this.provider;
	}

	public UpstreamKind kind() {
		return this.kind;
	}

	/** The local account's username, or null for a citizen below P9. */
	public String username() {
		return this.username;
	}

	public List<String> roles() {
		return this.roles.stream().sorted().toList();
	}

	/** The NHS login identity, or null for staff. */
	public NhsLoginIdentity citizen() {
		return this.citizen;
	}

	/** The CIS2 identity, or null for citizens. */
	public Cis2Identity staff() {
		return this.staff;
	}

}
