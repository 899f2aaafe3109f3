package care.concord.server.agency;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.server.audit.AdminActions;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for agencies and their OAuth clients ({@code /api/admin/agencies}); role
 * {@code admin} required (see the API security chain). Errors are RFC 9457 problem
 * details.
 */
@RestController
@RequestMapping("/api/admin/agencies")
public class AgencyAdminController {

	private final AgencyService agencies;

	private final AdminActions audit;

	public AgencyAdminController(AgencyService agencies, AdminActions audit) {
		this.agencies = agencies;
		this.audit = audit;
	}

	@PostMapping
	public ResponseEntity<AgencyView> register(@Valid @RequestBody AgencyRegistration registration,
			Authentication admin) {
		AgencyView agency = this.audit.record(admin, "agency-registered", registration.code(),
				() -> this.agencies.register(registration), AgencyAdminController::changed);
		return ResponseEntity.created(URI.create("/api/admin/agencies/" + agency.code())).body(agency);
	}

	@GetMapping
	public List<AgencyView> list() {
		return this.agencies.list();
	}

	@GetMapping("/{code}")
	public AgencyView get(@PathVariable String code) {
		return this.agencies.get(code);
	}

	/**
	 * Changes an agency's name, type or town (never its code); audited with the values
	 * before and after.
	 */
	@PutMapping("/{code}")
	public AgencyView update(@PathVariable String code, @Valid @RequestBody AgencyUpdate update, Authentication admin) {
		AgencyView before = this.agencies.get(code);
		return this.audit.record(admin, "agency-updated", code, () -> this.agencies.update(code, update), (after) -> {
			Map<String, String> changed = new LinkedHashMap<>(changed(after));
			changed.put("name_before", String.valueOf(before.name()));
			changed.put("org_type_before", String.valueOf(before.orgType()));
			changed.put("town_before", String.valueOf(before.town()));
			return changed;
		});
	}

	@PostMapping("/{code}/disable")
	public AgencyView disable(@PathVariable String code, Authentication admin) {
		return this.audit.record(admin, "agency-disabled", code, () -> this.agencies.setEnabled(code, false),
				AgencyAdminController::changed);
	}

	@PostMapping("/{code}/enable")
	public AgencyView enable(@PathVariable String code, Authentication admin) {
		return this.audit.record(admin, "agency-enabled", code, () -> this.agencies.setEnabled(code, true),
				AgencyAdminController::changed);
	}

	@PostMapping("/{code}/clients")
	public ResponseEntity<ClientView> addClient(@PathVariable String code,
			@Valid @RequestBody ClientRegistration registration, Authentication admin) {
		ClientView client = this.audit.record(admin, "client-registered", code,
				() -> this.agencies.addClient(code, registration), AgencyAdminController::changed);
		return ResponseEntity.created(URI.create("/api/admin/agencies/" + code + "/clients/" + client.clientId()))
			.body(client);
	}

	@GetMapping("/{code}/clients/{clientId}")
	public ClientView getClient(@PathVariable String code, @PathVariable String clientId) {
		return this.agencies.getClient(code, clientId);
	}

	/** The agency's clients, by client id. */
	@GetMapping("/{code}/clients")
	public List<ClientView> listClients(@PathVariable String code) {
		return this.agencies.get(code).clients();
	}

	/**
	 * Changes a client's display name, grant types, scopes, redirect URIs and consent
	 * setting (never its id or authentication method; secrets change only by rotation);
	 * audited with the values before and after.
	 */
	@PutMapping("/{code}/clients/{clientId}")
	public ClientView updateClient(@PathVariable String code, @PathVariable String clientId,
			@Valid @RequestBody ClientUpdate update, Authentication admin) {
		ClientView before = this.agencies.getClient(code, clientId);
		return this.audit.record(admin, "client-updated", code + "/" + clientId,
				() -> this.agencies.updateClient(code, clientId, update), (after) -> {
					Map<String, String> changed = new LinkedHashMap<>(changed(after));
					changed.put("client_name", String.valueOf(after.clientName()));
					changed.put("grant_types", String.join(" ", after.grantTypes()));
					changed.put("redirect_uris", String.join(" ", after.redirectUris()));
					changed.put("require_consent", String.valueOf(after.requireConsent()));
					changed.put("client_name_before", String.valueOf(before.clientName()));
					changed.put("grant_types_before", String.join(" ", before.grantTypes()));
					changed.put("scopes_before", String.join(" ", before.scopes()));
					changed.put("redirect_uris_before", String.join(" ", before.redirectUris()));
					changed.put("require_consent_before", String.valueOf(before.requireConsent()));
					return changed;
				});
	}

	@PostMapping("/{code}/clients/{clientId}/secret")
	public ClientView rotateSecret(@PathVariable String code, @PathVariable String clientId, Authentication admin) {
		return this.audit.record(admin, "client-secret-rotated", code + "/" + clientId,
				() -> this.agencies.rotateSecret(code, clientId), AgencyAdminController::changed);
	}

	@PostMapping("/{code}/clients/{clientId}/disable")
	public ClientView disableClient(@PathVariable String code, @PathVariable String clientId, Authentication admin) {
		return this.audit.record(admin, "client-disabled", code + "/" + clientId,
				() -> this.agencies.setClientEnabled(code, clientId, false), AgencyAdminController::changed);
	}

	@PostMapping("/{code}/clients/{clientId}/enable")
	public ClientView enableClient(@PathVariable String code, @PathVariable String clientId, Authentication admin) {
		return this.audit.record(admin, "client-enabled", code + "/" + clientId,
				() -> this.agencies.setClientEnabled(code, clientId, true), AgencyAdminController::changed);
	}

	private static Map<String, String> changed(AgencyView agency) {
		return Map.of("name", String.valueOf(agency.name()), "org_type", String.valueOf(agency.orgType()), "town",
				String.valueOf(agency.town()), "enabled", String.valueOf(agency.enabled()));
	}

	/** What a client now is: never its secret. */
	private static Map<String, String> changed(ClientView client) {
		return Map.of("client_id", client.clientId(), "auth_method", String.valueOf(client.authMethod()), "scopes",
				String.join(" ", client.scopes()), "enabled", String.valueOf(client.enabled()));
	}

}
