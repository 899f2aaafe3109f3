package care.concord.server.federation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Upstream OpenID Connect providers people sign in through
 * ({@code concord.federation.*}), see docs/federation.md.
 *
 * @param providers the providers by registration id (the id is the last segment of the
 * redirect URI {@code /login/oauth2/code/{id}}); none configured means local accounts
 * only
 * @param connectTimeout time-out to connect to a provider (discovery, token, keys)
 * @param readTimeout time-out to read a provider's answer
 * @param claimTokenIssuers the staff identity providers (CIS2) whose ID tokens agencies
 * may push as UMA claim tokens ({@code urn:concord:claim-token:cis2-id-token}), by any
 * name
 */
@ConfigurationProperties("concord.federation")
public record FederationProperties(Map<String, Provider> providers, @DefaultValue("3s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout, Map<String, ClaimTokenIssuer> claimTokenIssuers) {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	public FederationProperties {
		providers = (providers != null) ? Map.copyOf(providers) : Map.of();
		claimTokenIssuers = (claimTokenIssuers != null) ? Map.copyOf(claimTokenIssuers) : Map.of();
		claimTokenIssuers.forEach((id, issuer) -> {
			if (issuer.issuer() == null || issuer.jwksUri() == null || issuer.audiences().isEmpty()
					|| issuer.practitionerRoles().isEmpty()) {
				throw new IllegalArgumentException("concord.federation.claim-token-issuers." + id
						+ " needs issuer, jwks-uri, audiences and practitioner-roles");
			}
		});
		providers.forEach((id, provider) -> {
			if (!ID.matcher(id).matches()) {
				throw new IllegalArgumentException(
						"concord.federation.providers: id '" + id + "' must be lower-case letters, digits and hyphens");
			}
			if (provider.kind() == null || provider.issuerUri() == null || provider.clientId() == null) {
				throw new IllegalArgumentException(
						"concord.federation.providers." + id + " needs kind, issuer-uri and client-id");
			}
		});
	}

	/**
	 * One upstream provider.
	 *
	 * @param kind {@code nhs-login} (citizens) or {@code cis2} (health and care staff)
	 * @param displayName the sign-in link's text, e.g. "Continue with NHS login"
	 * @param issuerUri the issuer; its {@code /.well-known/openid-configuration} is read
	 * on first use
	 * @param clientId Concord's client id at the provider
	 * @param scopes requested scopes ({@code openid} is always requested)
	 * @param privateKeyLocation PKCS#8 PEM RSA private key for {@code private_key_jwt};
	 * when absent a key is made at start (development only: the provider must then read
	 * Concord's {@code /federation/jwks})
	 * @param keyId the {@code kid} of that key
	 * @param authorizationParameters extra authorization request parameters, e.g. NHS
	 * login's {@code vtr}
	 * @param roleMappings CIS2 only: role code (a segment of the selected role's
	 * {@code role_code}) to Concord role ({@code ig-officer}, {@code admin})
	 * @param privilegedAcrValues CIS2 only: the {@code acr} values (authentication
	 * assurance) accepted for the {@code ig-officer} and {@code admin} roles
	 */
	public record Provider(UpstreamKind kind, String displayName, String issuerUri, String clientId,
			List<String> scopes, Resource privateKeyLocation, String keyId, Map<String, String> authorizationParameters,
			Map<String, String> roleMappings, @DefaultValue("AAL3_ANY") List<String> privilegedAcrValues) {

		public Provider {
			scopes = (scopes != null) ? List.copyOf(scopes) : List.of("openid");
			authorizationParameters = (authorizationParameters != null) ? Map.copyOf(authorizationParameters)
					: Map.of();
			roleMappings = (roleMappings != null) ? Map.copyOf(roleMappings) : Map.of();
			privilegedAcrValues = (privilegedAcrValues != null) ? List.copyOf(privilegedAcrValues) : List.of();
			if (displayName == null && kind != null) {
				displayName = (kind == UpstreamKind.NHS_LOGIN) ? "Continue with NHS login"
						: "Sign in with NHS Care Identity (smartcard)";
			}
		}

	}

	/**
	 * A trusted issuer of practitioners' ID tokens for the UMA grant.
	 *
	 * @param issuer the exact {@code iss}
	 * @param jwksUri where its signing keys are published
	 * @param audiences the accepted {@code aud} values: the client ids, at that provider,
	 * of the agencies' systems that push their practitioners' ID tokens
	 * @param practitionerRoles role code (a segment of the selected role's
	 * {@code role_code}) to the practitioner role token of the consent rules, e.g.
	 * {@code R8000: clinician}
	 */
	public record ClaimTokenIssuer(String issuer, String jwksUri, List<String> audiences,
			Map<String, String> practitionerRoles) {

		public ClaimTokenIssuer {
			audiences = (audiences != null) ? List.copyOf(audiences) : List.of();
			practitionerRoles = (practitionerRoles != null) ? Map.copyOf(practitionerRoles) : Map.of();
		}

	}

}
