package care.concord.server.consent.fhir;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentActorResolver;
import care.concord.server.consent.ConsentOutcome;
import care.concord.server.consent.ConsentProperties;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.DirectiveView;
import care.concord.server.consent.ConsentController.ReceiptRef;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The citizen's consent as an HL7 FHIR R4 {@code Consent}: {@code GET .../consent.fhir}
 * exports the active directives and the opt-out, {@code PUT .../consent.fhir} imports a
 * Consent, replacing the active directives (changed ones get a new version, missing ones
 * are revoked, new ones are created) in one transaction with one receipt. Both under
 * {@code /api/me} and {@code /api/citizens/{nhs}} (for proxies).
 */
@RestController
public class FhirConsentController {

	/** The FHIR JSON media type. */
	public static final String FHIR_JSON = "application/fhir+json";

	private final FhirConsentMapper mapper;

	private final ConsentService consent;

	private final ConsentActorResolver actors;

	private final ConsentProperties properties;

	private final Clock clock;

	public FhirConsentController(FhirConsentMapper mapper, ConsentService consent, ConsentActorResolver actors,
			ConsentProperties properties, Clock clock) {
		this.mapper = mapper;
		this.consent = consent;
		this.actors = actors;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping(path = { "/api/me/consent.fhir", "/api/citizens/{nhs}/consent.fhir" }, produces = FHIR_JSON)
	ResponseEntity<String> export(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		ConsentActor actor = actor(token, nhs);
		String body = this.mapper.export(this.consent.state(actor.subject()), this.properties.noticeVersion(),
				this.clock.instant());
		return ResponseEntity.ok().contentType(MediaType.parseMediaType(FHIR_JSON)).body(body);
	}

	@PutMapping(path = { "/api/me/consent.fhir", "/api/citizens/{nhs}/consent.fhir" },
			consumes = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE }, produces = MediaType.APPLICATION_JSON_VALUE)
	ImportResponse importConsent(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestBody String body) {
		ConsentActor actor = actor(token, nhs);
		FhirConsentMapper.Imported imported = this.mapper.parse(body, actor.subject(),
				this.properties.maxActiveDirectives(), this.properties.maxListSize());
		ConsentOutcome outcome = this.consent.replaceAll(actor, imported.drafts(), imported.optOut(),
				(i) -> "Consent.provision.provision[" + i + "].actor");
		return new ImportResponse(outcome.recorded().stream().map(DirectiveView::of).toList(),
				outcome.state().activeDirectives().stream().map(DirectiveView::of).toList(),
				outcome.state().nationalOptOut(), ReceiptRef.of(outcome.receipt()), outcome.state().version());
	}

	private ConsentActor actor(Jwt token, String nhs) {
		return (nhs != null) ? this.actors.forCitizen(token, nhs) : this.actors.self(token);
	}

	/**
	 * The answer to an import.
	 *
	 * @param recorded the directive versions the import recorded (created, changed,
	 * revoked); empty when the Consent matched the current directives
	 * @param directives the active directives after the import
	 * @param nationalDataOptOut the opt-out after the import
	 * @param receipt the receipt, or null when nothing changed
	 * @param consentVersion the consent version after the import
	 */
	public record ImportResponse(List<DirectiveView> recorded, List<DirectiveView> directives,
			@JsonProperty("national_data_opt_out") boolean nationalDataOptOut, ReceiptRef receipt,
			@JsonProperty("consent_version") long consentVersion) {
	}

}
