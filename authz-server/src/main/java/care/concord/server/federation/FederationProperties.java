package care.concord.server.federation;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;

/**
 * Upstream OpenID Connect providers people sign in through ({@code concord.federation.*}), see
 * docs/federation.md.
 *
 * @param providers the providers by registration id (the id is the last segment of the redirect URI
 * {@code /login/oauth2/code/{id}}); none configured means local accounts only
 * @param connectTimeout time-out to connect to a provider (discovery, token, keys)
 * @param readTimeout time-out to read a provider's answer
 */
@ConfigurationProperties("concord.federation")
public record FederationProperties(Map<String, Provider> providers, @DefaultValue("3s") Duration connectTimeout,
		@DefaultValue("5s") Duration readTimeout) {

	private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	public FederationProperties {
		providers = (providers != null) ? Map.copyOf(providers) : Map.of();
		providers.forEach((id, provider) -> {
			if (!ID.matcher(id).matches()) {
				throw new IllegalArgumentException("concord.federation.providers: id '" + id
						+ "' must be lower-case letters, digits and hyphens");
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
	 * @param issuerUri the issuer; its {@code /.well-known/openid-configuration} is read on first use
	 * @param clientId Concord's client id at the provider
	 * @param scopes requested scopes ({@code openid} is always requested)
	 * @param privateKeyLocation PKCS#8 PEM RSA private key for {@code private_key_jwt}; when absent a key is made at
	 * start (development only: the provider must then read Concord's {@code /federation/jwks})
	 * @param keyId the {@code kid} of that key
	 * @param authorizationParameters extra authorization request parameters, e.g. NHS login's {@code vtr}
	 * @param roleMappings CIS2 only: role code (a segment of the selected role's {@code role_code}) to Concord
	 * role ({@code ig-officer}, {@code admin})
	 * @param privilegedAcrValues CIS2 only: the {@code acr} values (authentication assurance) accepted for the
	 * {@code ig-officer} and {@code admin} roles
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

}
