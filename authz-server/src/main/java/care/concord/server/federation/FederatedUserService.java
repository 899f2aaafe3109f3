package care.concord.server.federation;

import java.util.Set;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Maps the person an upstream provider vouches for (its verified ID token and UserInfo)
 * to a local account: NHS login citizens by {@link NhsLoginIdentity}, CIS2 staff by
 * {@link Cis2Identity} and the provider's role mapping, through
 * {@link FederatedAccounts}. A refusal is a {@link FederatedSignInFailure}, with nothing
 * created.
 */
public class FederatedUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

	private final OidcUserService delegate;

	private final UpstreamProviders providers;

	private final FederatedAccounts accounts;

	public FederatedUserService(OidcUserService delegate, UpstreamProviders providers, FederatedAccounts accounts) {
		this.delegate = delegate;
		this.providers = providers;
		this.accounts = accounts;
	}

	@Override
	public OidcUser loadUser(OidcUserRequest request) {
		OidcUser user = this.delegate.loadUser(request);
		String id = request.getClientRegistration().getRegistrationId();
		FederationProperties.Provider provider = this.providers.provider(id);
		try {
			if (provider.kind() == UpstreamKind.NHS_LOGIN) {
				NhsLoginIdentity citizen = NhsLoginIdentity.from(user.getClaims());
				if (!citizen.highLevel()) {
					return new FederatedOidcUser(user, id, provider.kind(), null, Set.of(), citizen, null);
				}
				String username = once(() -> this.accounts.citizen(id, citizen));
				return new FederatedOidcUser(user, id, provider.kind(), username, Set.of("citizen"), citizen, null);
			}
			Cis2Identity staff = Cis2Identity.from(user.getClaims());
			Set<String> roles = staff.concordRoles(provider.roleMappings(), provider.privilegedAcrValues());
			String username = once(() -> this.accounts.staff(id, staff.userId(), staff.displayName(), roles));
			return new FederatedOidcUser(user, id, provider.kind(), username, roles, null, staff);
		}
		catch (FederatedSignInException ex) {
			throw new FederatedSignInFailure(ex.refusal(), id, user.getSubject(), ex.getMessage());
		}
	}

	/**
	 * Runs an account step, once more if a concurrent first sign-in of the same person
	 * made the row meanwhile.
	 */
	private static String once(java.util.function.Supplier<String> step) {
		try {
			return step.get();
		}
		catch (DataIntegrityViolationException ex) {
			return step.get();
		}
	}

}
