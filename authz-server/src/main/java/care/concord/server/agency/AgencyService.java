package care.concord.server.agency;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.server.oauth.ClientSecretDigestEncoder;
import care.concord.server.oauth.ClientSecretGenerator;
import care.concord.server.oauth.ConcordClientSettings;
import care.concord.server.oauth.ConcordClients;
import care.concord.server.oauth.ClientRegistryVersion;
import care.concord.server.oauth.ConcordRegisteredClientRepository;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.domain.AlreadyExistsException;
import care.concord.server.domain.NotFoundException;
import care.concord.server.domain.StateConflictException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.StringUtils;

/**
 * Registers and administers agencies and their OAuth clients. Client secrets are
 * generated here (256 bits), returned once, and stored only as a digest.
 */
@Transactional
public class AgencyService {

	private static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{2,99}");

	private static final Set<String> AUTH_METHODS = Set.of("client_secret_basic", "client_secret_post",
			"private_key_jwt", "none");

	private static final Set<String> GRANT_TYPES = Set.of("client_credentials", "authorization_code", "refresh_token");

	private static final Set<String> ASSERTION_ALGORITHMS = Set.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
			"ES256", "ES384");

	private final AgencyRepository agencies;

	private final AgencyClientRepository clients;

	private final ConcordRegisteredClientRepository registeredClients;

	private final TokenLifetimes lifetimes;

	private final Clock clock;

	/**
	 * Moved on by every change, so cached client and owner look-ups on every node see it
	 * at once.
	 */
	private final ClientRegistryVersion version;

	private final ClientSecretGenerator secretGenerator = new ClientSecretGenerator();

	private final ClientSecretDigestEncoder secretEncoder = new ClientSecretDigestEncoder();

	public AgencyService(AgencyRepository agencies, AgencyClientRepository clients,
			ConcordRegisteredClientRepository registeredClients, TokenLifetimes lifetimes, Clock clock,
			ClientRegistryVersion version) {
		this.version = version;
		this.agencies = agencies;
		this.clients = clients;
		this.registeredClients = registeredClients;
		this.lifetimes = lifetimes;
		this.clock = clock;
	}

	/** Registers a new, enabled agency. */
	public AgencyView register(AgencyRegistration registration) {
		AgencyCode code = AgencyCode.parse(registration.code());
		OrgType orgType = orgType(registration.orgType());
		if (this.agencies.existsById(code.value())) {
			throw new AlreadyExistsException("agency " + code + " is already registered");
		}
		Agency agency = this.agencies.save(new Agency(code, registration.name().strip(), orgType,
				town(registration.town()), this.clock.instant()));
		return view(agency);
	}

	@Transactional(readOnly = true)
	public List<AgencyView> list() {
		return this.agencies.findAllByOrderByCodeAsc().stream().map(this::view).toList();
	}

	@Transactional(readOnly = true)
	public AgencyView get(String code) {
		return view(agency(code));
	}

	/** Changes an agency's name, type and town; its code never changes. */
	public AgencyView update(String code, AgencyUpdate update) {
		this.version.changed();
		Agency agency = agency(code);
		agency.update(update.name().strip(), orgType(update.orgType()), town(update.town()), this.clock.instant());
		return view(this.agencies.save(agency));
	}

	/**
	 * Enables or disables an agency: a disabled agency's clients get no tokens, its
	 * tokens go inactive. It stays registered: citizens' directives naming it are kept
	 * and still apply, and new ones may name it.
	 */
	public AgencyView setEnabled(String code, boolean enabled) {
		this.version.changed();
		Agency agency = agency(code);
		agency.setEnabled(enabled, this.clock.instant());
		return view(this.agencies.save(agency));
	}

	/**
	 * Registers an OAuth client for the agency.
	 * @return the client, with its generated secret for secret-based authentication
	 * methods
	 */
	public ClientView addClient(String code, ClientRegistration registration) {
		this.version.changed();
		Agency agency = agency(code);
		String clientId = StringUtils.hasText(registration.clientId()) ? registration.clientId()
				: agency.getCode().toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 8);
		if (!CLIENT_ID.matcher(clientId).matches()) {
			throw new InvalidRequestException("client_id", "must be 3 to 100 letters, digits, '.', '_' or '-'");
		}
		if (this.registeredClients.findByClientIdIncludingDisabled(clientId) != null) {
			throw new AlreadyExistsException("client " + clientId + " already exists");
		}
		ClientSpec spec = ClientSpec.of(registration);
		Instant now = this.clock.instant();
		String secret = spec.usesSecret() ? this.secretGenerator.generate() : null;
		RegisteredClient.Builder builder = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(now)
			.clientName(agency.getName() + " (" + agency.getCode() + ")")
			.clientAuthenticationMethod(new ClientAuthenticationMethod(spec.authMethod()))
			.authorizationGrantTypes(
					(grants) -> spec.grantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant))))
			.scopes((scopes) -> scopes.addAll(spec.scopes()))
			.redirectUris((uris) -> uris.addAll(spec.redirectUris()))
			.clientSettings(spec.clientSettings())
			.tokenSettings(ConcordClients.tokenSettings(this.lifetimes, spec.isPublic()));
		if (secret != null) {
			builder.clientSecret(this.secretEncoder.encode(secret));
		}
		RegisteredClient client = builder.build();
		this.registeredClients.save(client);
		AgencyClient link = this.clients.save(new AgencyClient(clientId, agency.getCode(), client.getId(), now));
		return view(link, client).withSecret(secret);
	}

	@Transactional(readOnly = true)
	public ClientView getClient(String code, String clientId) {
		AgencyClient link = client(code, clientId);
		return view(link, registered(link));
	}

	/**
	 * Changes a client's display name, grant types, scopes, redirect URIs and consent
	 * setting, validated as at registration against the client's authentication method
	 * (which, like its id, secret and keys, does not change here). Tokens already issued
	 * keep the scopes they were issued with until they expire.
	 */
	public ClientView updateClient(String code, String clientId, ClientUpdate update) {
		this.version.changed();
		AgencyClient link = client(code, clientId);
		RegisteredClient current = registered(link);
		String authMethod = current.getClientAuthenticationMethods().iterator().next().getValue();
		ClientSpec spec = ClientSpec.of(authMethod, update.grantTypes(), update.scopes(), update.redirectUris(),
				update.requireConsent());
		if (!StringUtils.hasText(update.clientName())) {
			throw new InvalidRequestException("client_name", "must not be blank");
		}
		ClientSettings settings = ClientSettings.withSettings(current.getClientSettings().getSettings())
			.requireProofKey(spec.clientSettings().isRequireProofKey())
			.requireAuthorizationConsent(spec.clientSettings().isRequireAuthorizationConsent())
			.build();
		RegisteredClient changed = RegisteredClient.from(current)
			.clientName(update.clientName().strip())
			.authorizationGrantTypes((grants) -> {
				grants.clear();
				spec.grantTypes().forEach((grant) -> grants.add(new AuthorizationGrantType(grant)));
			})
			.scopes((scopes) -> {
				scopes.clear();
				scopes.addAll(spec.scopes());
			})
			.redirectUris((uris) -> {
				uris.clear();
				uris.addAll(spec.redirectUris());
			})
			.clientSettings(settings)
			.build();
		this.registeredClients.save(changed);
		return view(link, changed);
	}

	/**
	 * Generates a new secret for a secret-based client; the old secret stops working at
	 * once.
	 */
	public ClientView rotateSecret(String code, String clientId) {
		this.version.changed();
		AgencyClient link = client(code, clientId);
		RegisteredClient current = registered(link);
		boolean usesSecret = current.getClientAuthenticationMethods()
			.stream()
			.anyMatch((method) -> method.getValue().startsWith("client_secret_"));
		if (!usesSecret) {
			throw new StateConflictException("client " + clientId + " does not authenticate with a client secret");
		}
		String secret = this.secretGenerator.generate();
		RegisteredClient rotated = RegisteredClient.from(current)
			.clientSecret(this.secretEncoder.encode(secret))
			.build();
		this.registeredClients.save(rotated);
		link.secretRotated(this.clock.instant());
		this.clients.save(link);
		return view(link, rotated).withSecret(secret);
	}

	public ClientView setClientEnabled(String code, String clientId, boolean enabled) {
		this.version.changed();
		AgencyClient link = client(code, clientId);
		link.setEnabled(enabled);
		this.clients.save(link);
		return view(link, registered(link));
	}

	private Agency agency(String code) {
		return this.agencies.findById(code).orElseThrow(() -> new NotFoundException("agency " + code));
	}

	private AgencyClient client(String code, String clientId) {
		agency(code);
		return this.clients.findById(clientId)
			.filter((link) -> link.getAgencyCode().equals(code))
			.orElseThrow(() -> new NotFoundException("client " + clientId + " of agency " + code));
	}

	private RegisteredClient registered(AgencyClient link) {
		RegisteredClient client = this.registeredClients.findById(link.getRegisteredClientId());
		if (client == null) {
			throw new IllegalStateException("registered client of " + link.getClientId() + " is missing");
		}
		return client;
	}

	private static String town(String town) {
		return StringUtils.hasText(town) ? town.strip() : null;
	}

	private static OrgType orgType(String code) {
		try {
			return OrgType.fromCode(code);
		}
		catch (InvalidRequestException ex) {
			throw new InvalidRequestException("org_type", ex.problem());
		}
	}

	private AgencyView view(Agency agency) {
		List<ClientView> views = new ArrayList<>();
		for (AgencyClient link : this.clients.findByAgencyCodeOrderByClientIdAsc(agency.getCode())) {
			RegisteredClient client = this.registeredClients.findById(link.getRegisteredClientId());
			if (client != null) {
				views.add(view(link, client));
			}
		}
		return new AgencyView(agency.getCode(), agency.getName(), agency.getOrgType().code(), agency.getTown(),
				agency.isEnabled(), agency.getCreatedAt(), agency.getUpdatedAt(), views);
	}

	private static ClientView view(AgencyClient link, RegisteredClient client) {
		return new ClientView(link.getClientId(), link.getAgencyCode(), client.getClientName(),
				client.getClientAuthenticationMethods().iterator().next().getValue(),
				client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList(),
				client.getScopes().stream().sorted().toList(), client.getRedirectUris().stream().sorted().toList(),
				client.getClientSettings().getJwkSetUrl(),
				ConcordClientSettings.jwkSet(client.getClientSettings()) != null,
				client.getClientSettings().isRequireAuthorizationConsent(), link.isEnabled(), link.getCreatedAt(),
				link.getSecretRotatedAt(), null);
	}

	/** A validated client registration. */
	private record ClientSpec(String authMethod, Set<String> grantTypes, Set<String> scopes, Set<String> redirectUris,
			ClientSettings clientSettings) {

		boolean usesSecret() {
			return this.authMethod.startsWith("client_secret_");
		}

		boolean isPublic() {
			return "none".equals(this.authMethod);
		}

		static ClientSpec of(ClientRegistration registration) {
			String authMethod = StringUtils.hasText(registration.authMethod()) ? registration.authMethod()
					: "client_secret_basic";
			if (!AUTH_METHODS.contains(authMethod)) {
				throw new InvalidRequestException("token_endpoint_auth_method", "must be one of " + AUTH_METHODS);
			}
			ClientSpec spec = of(authMethod, registration.grantTypes(), registration.scopes(),
					registration.redirectUris(), registration.requireConsent());
			ClientSettings.Builder settings = ClientSettings.withSettings(spec.clientSettings().getSettings());
			if ("private_key_jwt".equals(authMethod)) {
				keys(registration, settings);
			}
			else if (registration.jwks() != null || StringUtils.hasText(registration.jwksUri())) {
				throw new InvalidRequestException("jwks", "keys are only used by private_key_jwt");
			}
			return new ClientSpec(authMethod, spec.grantTypes(), spec.scopes(), spec.redirectUris(), settings.build());
		}

		/**
		 * The grant types, scopes, redirect URIs and consent setting of a client with
		 * that authentication method, validated together (keys aside).
		 */
		static ClientSpec of(String authMethod, List<String> grantTypes, List<String> requestedScopes,
				List<String> requestedRedirectUris, Boolean requireConsent) {
			Set<String> grants = new LinkedHashSet<>(
					(grantTypes == null || grantTypes.isEmpty()) ? List.of("client_credentials") : grantTypes);
			for (String grant : grants) {
				if (!GRANT_TYPES.contains(grant)) {
					throw new InvalidRequestException("grant_types", "unsupported grant type '" + grant + "'");
				}
			}
			boolean publicClient = "none".equals(authMethod);
			if (publicClient && !grants.equals(Set.of("authorization_code"))) {
				throw new InvalidRequestException("grant_types",
						"a public client (none) may only use authorization_code (refresh tokens are not issued to "
								+ "public clients)");
			}
			if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
				throw new InvalidRequestException("grant_types", "refresh_token requires authorization_code");
			}
			Set<String> scopes = new LinkedHashSet<>();
			if (requestedScopes == null || requestedScopes.isEmpty()) {
				throw new InvalidRequestException("scopes", "must not be empty");
			}
			for (String scope : requestedScopes) {
				AgencyScope parsed = AgencyScope.fromCode(scope);
				if ((parsed == AgencyScope.OPENID || parsed == AgencyScope.PROFILE)
						&& !grants.contains("authorization_code")) {
					throw new InvalidRequestException("scopes", scope + " requires the authorization_code grant");
				}
				scopes.add(parsed.code());
			}
			Set<String> redirectUris = new LinkedHashSet<>(
					(requestedRedirectUris != null) ? requestedRedirectUris : List.of());
			if (grants.contains("authorization_code") && redirectUris.isEmpty()) {
				throw new InvalidRequestException("redirect_uris",
						"authorization_code requires at least one redirect URI");
			}
			if (!grants.contains("authorization_code") && !redirectUris.isEmpty()) {
				throw new InvalidRequestException("redirect_uris", "redirect URIs are only used by authorization_code");
			}
			redirectUris.forEach((uri) -> checkUri("redirect_uris", uri));
			ClientSettings.Builder settings = ClientSettings.builder()
				.requireProofKey(grants.contains("authorization_code"))
				.requireAuthorizationConsent(
						grants.contains("authorization_code") && !Boolean.FALSE.equals(requireConsent));
			return new ClientSpec(authMethod, grants, scopes, redirectUris, settings.build());
		}

		private static void keys(ClientRegistration registration, ClientSettings.Builder settings) {
			boolean hasUri = StringUtils.hasText(registration.jwksUri());
			boolean hasSet = registration.jwks() != null;
			if (hasUri == hasSet) {
				throw new InvalidRequestException("jwks", "private_key_jwt requires exactly one of jwks_uri and jwks");
			}
			String algorithm = StringUtils.hasText(registration.signingAlgorithm()) ? registration.signingAlgorithm()
					: "RS256";
			if (!ASSERTION_ALGORITHMS.contains(algorithm)) {
				throw new InvalidRequestException("token_endpoint_auth_signing_alg",
						"must be one of " + ASSERTION_ALGORITHMS);
			}
			settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.from(algorithm));
			if (hasUri) {
				checkUri("jwks_uri", registration.jwksUri());
				settings.jwkSetUrl(registration.jwksUri());
				return;
			}
			JWKSet set;
			try {
				set = JWKSet.parse(registration.jwks());
			}
			catch (ParseException | RuntimeException ex) {
				throw new InvalidRequestException("jwks", "is not a valid JWK Set");
			}
			if (set.getKeys().isEmpty()) {
				throw new InvalidRequestException("jwks", "holds no keys");
			}
			for (JWK key : set.getKeys()) {
				if (key.isPrivate()) {
					throw new InvalidRequestException("jwks", "must hold public keys only; never send a private key");
				}
			}
			settings.setting(ConcordClientSettings.JWK_SET, set.toString(true));
		}

		private static void checkUri(String field, String value) {
			URI uri;
			try {
				uri = new URI(value);
			}
			catch (URISyntaxException | NullPointerException ex) {
				throw new InvalidRequestException(field, "'" + value + "' is not a valid URI");
			}
			if (!uri.isAbsolute() || uri.getFragment() != null || uri.getHost() == null) {
				throw new InvalidRequestException(field, "'" + value + "' must be an absolute URI without fragment");
			}
			boolean loopback = "localhost".equals(uri.getHost()) || "127.0.0.1".equals(uri.getHost())
					|| "[::1]".equals(uri.getHost());
			if (!"https".equals(uri.getScheme()) && !("http".equals(uri.getScheme()) && loopback)) {
				throw new InvalidRequestException(field, "'" + value + "' must use https (http only on loopback)");
			}
		}

	}

}
