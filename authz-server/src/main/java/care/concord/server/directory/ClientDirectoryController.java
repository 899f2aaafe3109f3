package care.concord.server.directory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.agency.AgencyClient;
import care.concord.server.agency.AgencyClientRepository;
import care.concord.server.config.ApiAuthorizationRules;
import care.concord.server.source.PersonalApp;
import care.concord.server.source.PersonalApps;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The client directory ({@code GET /api/directory/clients}): every agency system and
 * personal app by client id, with its display name, its kind, its agency (for agency
 * systems) and whether it is enabled, so that the audit log and the break-glass queue say
 * "via Leeds PAS (rr8-pas)" or "via Stride activity watch (app-…)" instead of a bare
 * client id. Nothing secret (no secrets, keys, scopes or redirect URIs). For IG officers
 * and administrators, who read those pages; citizens see their own apps by name under "My
 * apps" and agencies have no use for it.
 */
@RestController
public class ClientDirectoryController {

	private final AgencyClientRepository agencyClients;

	private final PersonalApps personalApps;

	private final RegisteredClientRepository registeredClients;

	public ClientDirectoryController(AgencyClientRepository agencyClients, PersonalApps personalApps,
			RegisteredClientRepository registeredClients) {
		this.agencyClients = agencyClients;
		this.personalApps = personalApps;
		this.registeredClients = registeredClients;
	}

	@GetMapping("/api/directory/clients")
	@Transactional(readOnly = true)
	public List<ClientEntry> clients() {
		List<ClientEntry> entries = new ArrayList<>();
		for (AgencyClient client : this.agencyClients.findAllOrderByClientIdAsc()) {
			RegisteredClient registered = this.registeredClients.findById(client.getRegisteredClientId());
			String name = (registered != null) ? registered.getClientName() : client.getClientId();
			entries.add(new ClientEntry(client.getClientId(), name, Kind.AGENCY_SYSTEM.code, client.getAgencyCode(),
					client.isEnabled()));
		}
		for (PersonalApp app : this.personalApps.list()) {
			entries.add(new ClientEntry(app.clientId(), app.name(), Kind.PERSONAL_APP.code, null, app.enabled()));
		}
		entries.sort(Comparator.comparing(ClientEntry::clientId));
		return entries;
	}

	/** What a client is. */
	enum Kind {

		/**
		 * An agency's system (client credentials, UMA, or an agency's user-facing app).
		 */
		AGENCY_SYSTEM("agency-system"),

		/** A citizen's own app or device, connected by the citizen. */
		PERSONAL_APP("personal-app");

		final String code;

		Kind(String code) {
			this.code = code;
		}

	}

	/**
	 * One client system in the directory.
	 *
	 * @param clientId the OAuth client id, as audit records carry it
	 * @param name the client's display name
	 * @param kind {@code agency-system} or {@code personal-app}
	 * @param agency the owning agency's organisation code, null for a personal app
	 * @param enabled whether the client may currently obtain tokens
	 */
	public record ClientEntry(@JsonProperty("client_id") String clientId, String name, String kind, String agency,
			boolean enabled) {
	}

	/** Access rule of the client directory: IG officers and administrators. */
	@Configuration(proxyBeanMethods = false)
	static class ClientDirectoryRules {

		@Bean
		ApiAuthorizationRules clientDirectoryRules() {
			return (rules) -> rules.requestMatchers("/api/directory/clients").hasAnyRole("ig-officer", "admin");
		}

	}

}
