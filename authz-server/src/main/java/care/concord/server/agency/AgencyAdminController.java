package care.concord.server.agency;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import care.concord.server.audit.AuditActor;
import care.concord.server.audit.AuditEvent;
import care.concord.server.audit.AuditEventType;
import care.concord.server.audit.AuditLog;
import care.concord.server.audit.AuditOutcome;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for agencies and their OAuth clients ({@code /api/admin/agencies}); role {@code admin} required
 * (see the API security chain). Errors are RFC 9457 problem details.
 */
@RestController
@RequestMapping("/api/admin/agencies")
public class AgencyAdminController {

	private final AgencyService agencies;

	private final AuditLog audit;

	public AgencyAdminController(AgencyService agencies, AuditLog audit) {
		this.agencies = agencies;
		this.audit = audit;
	}

	@PostMapping
	public ResponseEntity<AgencyView> register(@Valid @RequestBody AgencyRegistration registration) {
		AgencyView agency = this.agencies.register(registration);
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

	/** Changes an agency's name or type; audited with the name and type before and after. */
	@PutMapping("/{code}")
	public AgencyView update(@AuthenticationPrincipal Jwt token, @PathVariable String code,
			@Valid @RequestBody AgencyUpdate update) {
		AgencyView before = this.agencies.get(code);
		AgencyView after = this.agencies.update(code, update);
		this.audit.append(AuditEvent.builder(AuditEventType.REGISTRATION_CHANGE, AuditActor.user(token.getSubject()))
			.outcome(AuditOutcome.PERMIT, "agency-changed")
			.explanation("Administrator " + token.getSubject() + " changed agency " + after.code() + " from "
					+ before.name() + " (" + before.orgType() + ") to " + after.name() + " (" + after.orgType() + ")")
			.detail("agency", after.code())
			.build());
		return after;
	}

	@PostMapping("/{code}/disable")
	public AgencyView disable(@PathVariable String code) {
		return this.agencies.setEnabled(code, false);
	}

	@PostMapping("/{code}/enable")
	public AgencyView enable(@PathVariable String code) {
		return this.agencies.setEnabled(code, true);
	}

	@PostMapping("/{code}/clients")
	public ResponseEntity<ClientView> addClient(@PathVariable String code,
			@Valid @RequestBody ClientRegistration registration) {
		ClientView client = this.agencies.addClient(code, registration);
		return ResponseEntity.created(URI.create("/api/admin/agencies/" + code + "/clients/" + client.clientId()))
			.body(client);
	}

	@GetMapping("/{code}/clients/{clientId}")
	public ClientView getClient(@PathVariable String code, @PathVariable String clientId) {
		return this.agencies.getClient(code, clientId);
	}

	@PostMapping("/{code}/clients/{clientId}/secret")
	public ClientView rotateSecret(@PathVariable String code, @PathVariable String clientId) {
		return this.agencies.rotateSecret(code, clientId);
	}

	@PostMapping("/{code}/clients/{clientId}/disable")
	public ClientView disableClient(@PathVariable String code, @PathVariable String clientId) {
		return this.agencies.setClientEnabled(code, clientId, false);
	}

	@PostMapping("/{code}/clients/{clientId}/enable")
	public ClientView enableClient(@PathVariable String code, @PathVariable String clientId) {
		return this.agencies.setClientEnabled(code, clientId, true);
	}

}
