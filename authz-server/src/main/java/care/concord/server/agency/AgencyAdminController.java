package care.concord.server.agency;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
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

	public AgencyAdminController(AgencyService agencies) {
		this.agencies = agencies;
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

	@PutMapping("/{code}")
	public AgencyView update(@PathVariable String code, @Valid @RequestBody AgencyUpdate update) {
		return this.agencies.update(code, update);
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
