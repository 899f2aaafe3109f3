package care.concord.server.oauth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.util.Assert;

/**
 * Shapes every JWT Concord issues.
 * <ul>
 * <li>Header: the current signing key's algorithm and {@code kid}.</li>
 * <li>Access tokens: {@code azp} and {@code client_id} (the client), {@code jti};
 * {@code gty} for the self-contained {@code client_credentials} tokens (see
 * {@link ConcordAuthorizationService}); for a client owned by an organisation,
 * {@code org_code} and {@code org_type}; for a person, {@code sub} = username,
 * {@code roles} and, for citizens, {@code nhs_number}. A disabled person's refresh is
 * refused with {@code invalid_grant}.</li>
 * <li>Lifetime: {@link TokenLifetimes} by grant and client type, whatever the stored
 * client settings say.</li>
 * </ul>
 * Claim values are Strings and {@link ArrayList}s only: the authorization store
 * serialises claims with an allow-listing Jackson mapper that refuses JDK immutable
 * collections.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc9068#section-2.2">RFC 9068 section
 * 2.2</a>
 */
public final class ConcordTokenCustomizer implements OAuth2TokenCustomizer<JwtEncodingContext> {

	private final SigningKeyService keys;

	private final ClientOwnerDirectory owners;

	private final PersonDirectory people;

	private final TokenLifetimes lifetimes;

	private final PersonalSources personalSources;

	public ConcordTokenCustomizer(SigningKeyService keys, ClientOwnerDirectory owners, PersonDirectory people,
			TokenLifetimes lifetimes) {
		this(keys, owners, people, lifetimes, PersonalSources.none());
	}

	public ConcordTokenCustomizer(SigningKeyService keys, ClientOwnerDirectory owners, PersonDirectory people,
			TokenLifetimes lifetimes, PersonalSources personalSources) {
		Assert.notNull(keys, "keys cannot be null");
		Assert.notNull(owners, "owners cannot be null");
		Assert.notNull(people, "people cannot be null");
		Assert.notNull(lifetimes, "lifetimes cannot be null");
		this.keys = keys;
		this.owners = owners;
		this.people = people;
		this.lifetimes = lifetimes;
		Assert.notNull(personalSources, "personalSources cannot be null");
		this.personalSources = personalSources;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		var signingKey = this.keys.currentSigningKey();
		context.getJwsHeader()
			.algorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm
				.from(signingKey.getAlgorithm().getName()))
			.keyId(signingKey.getKeyID());
		if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			return;
		}
		RegisteredClient client = context.getRegisteredClient();
		context.getClaims().claim("azp", client.getClientId()).claim("client_id", client.getClientId());
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			// self-contained: not stored, see ConcordAuthorizationService
			context.getClaims()
				.claim(ConcordAuthorizationService.GRANT_TYPE_CLAIM, ConcordAuthorizationService.CLIENT_CREDENTIALS);
		}
		this.owners.findByClientId(client.getClientId())
			.ifPresent((owner) -> context.getClaims()
				.claim("org_code", owner.orgCode())
				.claim("org_type", owner.orgType()));
		if (isPersonToken(context)) {
			String username = context.getPrincipal().getName();
			PersonClaims person = this.people.findEnabled(username)
				.orElseThrow(() -> new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT,
						"the account is disabled or no longer exists", null)));
			var personalSource = this.personalSources.find(client.getClientId());
			if (personalSource.isPresent()) {
				List<String> categories = personalSourceClaims(context, personalSource.get(), person);
				this.personalSources.connected(client.getClientId(), username, person.nhsNumber(), categories);
			}
			else {
				context.getClaims().claim("roles", new ArrayList<>(person.roles()));
				if (person.nhsNumber() != null) {
					context.getClaims().claim("nhs_number", person.nhsNumber());
				}
			}
		}
		Duration ttl = accessTokenLifetime(context);
		context.getClaims().claims((claims) -> {
			Object issuedAt = claims.get("iat");
			Instant from = (issuedAt instanceof Instant instant) ? instant : Instant.now();
			claims.put("exp", from.plus(ttl));
		});
	}

	/**
	 * A personal app's protection token: bound to the citizen who connected it and to the
	 * categories they granted; no roles, so it can never act as the citizen on the
	 * consent API.
	 */
	private static List<String> personalSourceClaims(JwtEncodingContext context, PersonalSources.PersonalSource source,
			PersonClaims person) {
		if (!source.enabled() || person.nhsNumber() == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, source.enabled()
					? "only a citizen with an NHS number can connect a personal app" : "the personal app is disabled",
					null));
		}
		ArrayList<String> categories = PersonalSources.categories(context.getAuthorizedScopes());
		categories.retainAll(source.categories());
		// mutable lists: stored authorizations serialise claims with an allow-list of
		// collection types
		context.getClaims()
			.claim("roles", new ArrayList<String>())
			.claim("org_code", source.clientId())
			.claim("org_type", PersonalSources.ORG_TYPE)
			.claim(PersonalSources.OWNER_CLAIM, person.nhsNumber())
			.claim(PersonalSources.CATEGORIES_CLAIM, categories);
		return categories;
	}

	private static boolean isPersonToken(JwtEncodingContext context) {
		AuthorizationGrantType grant = context.getAuthorizationGrantType();
		return !(context.getPrincipal() instanceof OAuth2ClientAuthenticationToken)
				&& (AuthorizationGrantType.AUTHORIZATION_CODE.equals(grant)
						|| AuthorizationGrantType.REFRESH_TOKEN.equals(grant));
	}

	private Duration accessTokenLifetime(JwtEncodingContext context) {
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			return this.lifetimes.clientCredentialsTtl();
		}
		boolean publicClient = context.getRegisteredClient()
			.getClientAuthenticationMethods()
			.equals(java.util.Set.of(ClientAuthenticationMethod.NONE));
		return publicClient ? this.lifetimes.publicClientAccessTtl() : this.lifetimes.accessTtl();
	}

}
