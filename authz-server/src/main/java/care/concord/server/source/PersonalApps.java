package care.concord.server.source;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AdminActions;
import care.concord.server.audit.AuditLog;
import care.concord.server.domain.NotFoundException;
import care.concord.server.oauth.ConcordClients;
import care.concord.server.oauth.PersonalSources;
import care.concord.server.oauth.TokenLifetimes;
import care.concord.server.uma.ResourceSet;
import care.concord.server.uma.ResourceSetRepository;
import care.concord.server.uma.UmaAudit;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

/**
 * Citizens' personal apps and devices: administrators register them; citizens connect
 * them (the authorization code flow with PKCE and a consent screen, handled by the
 * authorization server) and disconnect them here.
 *
 * <p>
 * A personal app is a public OAuth client (PKCE, consent required) with scope
 * {@code uma_protection} and one scope {@code record:<category>} per category it may
 * hold. Its access token is a protection token bound to the citizen
 * ({@link PersonalSources}), so it registers pointers about that citizen only, in the
 * granted categories. Disconnecting removes the citizen's consent and every authorization
 * of the app for them (its tokens stop working at once), deregisters every pointer it
 * registered about them (so every RPT naming them is inactive at the next introspection)
 * and audits each step. Every registration and disconnection is audited before it is
 * reported.
 */
public class PersonalApps implements PersonalSources {

	/**
	 * Redirect URIs: https, or http only on the loopback interface (native apps, RFC
	 * 8252).
	 */
	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]");

	private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

	private static final SecureRandom RANDOM = new SecureRandom();

	private final PersonalAppRepository apps;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final OAuth2AuthorizationConsentService consents;

	private final ResourceSetRepository resources;

	private final UmaAudit umaAudit;

	private final AuditLog auditLog;

	private final AdminActions adminActions;

	private final JdbcOperations jdbc;

	private final TokenLifetimes lifetimes;

	private final TransactionTemplate transactions;

	private final Clock clock;

	public PersonalApps(PersonalAppRepository apps, RegisteredClientRepository clients,
			OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
			ResourceSetRepository resources, UmaAudit umaAudit, AuditLog auditLog, AdminActions adminActions,
			JdbcOperations jdbc, TokenLifetimes lifetimes, TransactionTemplate transactions, Clock clock) {
		this.apps = apps;
		this.clients = clients;
		this.authorizations = authorizations;
		this.consents = consents;
		this.resources = resources;
		this.umaAudit = umaAudit;
		this.auditLog = auditLog;
		this.adminActions = adminActions;
		this.jdbc = jdbc;
		this.lifetimes = lifetimes;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Optional<PersonalSource> find(String clientId) {
		return this.apps.findById(clientId)
			.map((app) -> new PersonalSource(app.clientId(), app.name(), Set.copyOf(app.categoryCodes()),
					app.enabled()));
	}

	/** Audits the connection: the app received a protection token for the citizen. */
	@Override
	public void connected(String clientId, String username, String nhsNumber, List<String> categories) {
		this.auditLog.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGE, AuditActor.user(username))
			.subject(NhsNumber.parse(nhsNumber))
			.holder(clientId)
			.permit("source-connected")
			.detail("client_id", clientId)
			.detail("categories", String.join(" ", categories))
			.build());
	}

	/**
	 * Registers a personal app (administrators).
	 * @throws InvalidRequestException naming the field for a missing name, an unknown
	 * category or a redirect URI that is neither https nor loopback http
	 */
	public PersonalApp register(AuditActor admin, String name, List<String> redirectUris, List<String> categories) {
		String cleanName = (name != null) ? name.strip() : "";
		if (cleanName.isEmpty() || cleanName.length() > 200 || cleanName.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidRequestException("name", "give the app's name (1 to 200 printable characters)");
		}
		if (categories == null || categories.isEmpty()) {
			throw new InvalidRequestException("categories", "name at least one data category the app holds");
		}
		Set<Category> parsed = new LinkedHashSet<>();
		for (String code : categories) {
			try {
				parsed.add(Category.fromCode(code));
			}
			catch (InvalidRequestException ex) {
				throw new InvalidRequestException("categories", ex.problem(), ex);
			}
		}
		if (redirectUris == null || redirectUris.isEmpty()) {
			throw new InvalidRequestException("redirect_uris", "name at least one redirect URI");
		}
		redirectUris.forEach(PersonalApps::checkRedirectUri);
		Instant now = this.clock.instant();
		String clientId = "app-" + random(10);
		PersonalApp app = new PersonalApp(clientId, cleanName, List.copyOf(parsed), true, now);
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientIdIssuedAt(now)
			.clientName(cleanName)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUris((uris) -> uris.addAll(redirectUris))
			.scope("uma_protection")
			.scopes((scopes) -> app.categoryCodes()
				.forEach((code) -> scopes.add(PersonalSources.CATEGORY_SCOPE_PREFIX + code)))
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(true).build())
			.tokenSettings(ConcordClients.tokenSettings(this.lifetimes, true))
			.build();
		return this.adminActions.record(admin, "personal-app-registered", clientId, () -> {
			this.apps.insert(app);
			this.clients.save(client);
			return app;
		}, (registered) -> Map.of("client_id", clientId, "name", cleanName, "categories",
				String.join(" ", registered.categoryCodes()), "redirect_uris", String.join(" ", redirectUris)));
	}

	/** The personal app with that client id, if there is one. */
	public Optional<PersonalApp> app(String clientId) {
		return this.apps.findById(clientId);
	}

	public List<PersonalApp> list() {
		return this.apps.findAll();
	}

	/**
	 * Disables or re-enables a personal app (administrators). Disabling removes every
	 * authorization of the app, so its tokens stop working at once; its pointers stay
	 * until each citizen disconnects it.
	 * @throws NotFoundException when there is no such app
	 */
	public PersonalApp setEnabled(AuditActor admin, String clientId, boolean enabled) {
		PersonalApp app = this.apps.findById(clientId)
			.orElseThrow(() -> new NotFoundException("personal app '" + clientId + "'"));
		RegisteredClient client = this.clients.findByClientId(clientId);
		return this.adminActions.record(admin, enabled ? "personal-app-enabled" : "personal-app-disabled", clientId,
				() -> {
					this.apps.setEnabled(clientId, enabled);
					if (!enabled && client != null) {
						for (String id : this.jdbc.queryForList(
								"SELECT id FROM oauth2_authorization WHERE registered_client_id = ?", String.class,
								client.getId())) {
							remove(id);
						}
					}
					return new PersonalApp(app.clientId(), app.name(), app.categories(), enabled, app.createdAt());
				}, (changed) -> Map.of("client_id", clientId));
	}

	/**
	 * The personal apps the citizen has connected (consented to), with what each
	 * registered about them.
	 */
	public List<ConnectedSource> connected(String username, NhsNumber subject) {
		Map<String, List<ResourceSet>> pointersByHolder = this.resources.findBySubject(subject)
			.stream()
			.collect(Collectors.groupingBy(ResourceSet::holder));
		List<ConnectedSource> connected = new ArrayList<>();
		for (PersonalApp app : this.apps.findAll()) {
			RegisteredClient client = this.clients.findByClientId(app.clientId());
			if (client == null) {
				continue;
			}
			OAuth2AuthorizationConsent consent = this.consents.findById(client.getId(), username);
			List<ResourceSet> pointers = pointersByHolder.getOrDefault(app.clientId(), List.of());
			if (consent == null && pointers.isEmpty()) {
				continue;
			}
			List<String> granted = (consent == null) ? List.of() : PersonalSources.categories(consent.getScopes());
			Instant lastRegistered = pointers.stream().map(ResourceSet::updatedAt).max(Instant::compareTo).orElse(null);
			connected.add(new ConnectedSource(app.clientId(), app.name(), granted, app.enabled(), pointers.size(),
					lastRegistered));
		}
		return connected;
	}

	/**
	 * Disconnects a personal app from the citizen: consent and authorizations removed
	 * (tokens revoked), every pointer it registered about them deregistered (RPTs naming
	 * them become inactive), all audited.
	 * @return how many pointers were deregistered
	 * @throws NotFoundException when the app is unknown or not connected to this citizen
	 */
	public int disconnect(AuditActor citizen, String username, NhsNumber subject, String clientId) {
		PersonalApp app = this.apps.findById(clientId)
			.orElseThrow(() -> new NotFoundException("personal app '" + clientId + "'"));
		RegisteredClient client = this.clients.findByClientId(app.clientId());
		OAuth2AuthorizationConsent consent = (client != null) ? this.consents.findById(client.getId(), username) : null;
		List<ResourceSet> pointers = pointers(app.clientId(), subject);
		if (consent == null && pointers.isEmpty()) {
			throw new NotFoundException("personal app '" + clientId + "'");
		}
		Integer removed = this.transactions.execute((status) -> {
			if (client != null) {
				for (String id : this.jdbc.queryForList(
						"SELECT id FROM oauth2_authorization WHERE registered_client_id = ? AND principal_name = ?",
						String.class, client.getId(), username)) {
					remove(id);
				}
			}
			if (consent != null) {
				this.consents.remove(consent);
			}
			int count = 0;
			for (ResourceSet pointer : pointers) {
				if (this.resources.delete(pointer.id(), pointer.holder())) {
					this.umaAudit.registration(citizen, pointer, "resource-deleted", null);
					count++;
				}
			}
			this.auditLog.append(AuditEvent.builder(AuditEventType.CONSENT_CHANGE, citizen)
				.subject(subject)
				.holder(app.clientId())
				.permit("source-disconnected")
				.detail("client_id", app.clientId())
				.detail("pointers_deregistered", Integer.toString(count))
				.build());
			return count;
		});
		return (removed != null) ? removed : 0;
	}

	private List<ResourceSet> pointers(String holder, NhsNumber subject) {
		return this.resources.findBySubject(subject)
			.stream()
			.filter((resource) -> resource.holder().equals(holder))
			.toList();
	}

	private void remove(String authorizationId) {
		OAuth2Authorization authorization = this.authorizations.findById(authorizationId);
		if (authorization != null) {
			this.authorizations.remove(authorization);
		}
	}

	private static void checkRedirectUri(String uri) {
		URI parsed;
		try {
			parsed = URI.create(uri);
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new InvalidRequestException("redirect_uris", "'" + uri + "' is not a URI");
		}
		boolean https = "https".equals(parsed.getScheme()) && parsed.getHost() != null;
		boolean loopback = "http".equals(parsed.getScheme()) && parsed.getHost() != null
				&& LOOPBACK.contains(parsed.getHost());
		if (!(https || loopback) || parsed.getFragment() != null) {
			throw new InvalidRequestException("redirect_uris",
					"'" + uri + "' must be an https URI, or http on localhost for a native app, without a fragment");
		}
	}

	private static String random(int length) {
		StringBuilder text = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return text.toString();
	}

	/**
	 * A personal app as a citizen sees it in "connected apps".
	 *
	 * @param clientId the app's client id
	 * @param name its name
	 * @param categories the categories the citizen granted it
	 * @param enabled false when an administrator disabled it
	 * @param pointers how many pointers it registered about the citizen
	 * @param lastRegisteredAt when it last registered or updated one, or null
	 */
	@tools.jackson.databind.annotation.JsonNaming(tools.jackson.databind.PropertyNamingStrategies.SnakeCaseStrategy.class)
	public record ConnectedSource(String clientId, String name, List<String> categories, boolean enabled, int pointers,
			Instant lastRegisteredAt) {
	}

}
