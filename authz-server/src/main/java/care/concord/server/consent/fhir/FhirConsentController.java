package care.concord.server.consent.fhir;

import java.time.Clock;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentActorResolver;
import care.concord.server.consent.ConsentOutcome;
import care.concord.server.consent.ConsentProperties;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.ConsentState;
import care.concord.server.consent.DirectiveView;
import care.concord.server.consent.ConsentController.ReceiptRef;
import care.concord.server.fhir.FhirValidation;
import care.concord.server.web.FhirResponses;
import care.concord.server.web.OperationOutcomeAdvice;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Consent;

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
 *
 * <p>
 * The export has a stable {@code id}, {@code meta.versionId} (the consent version) and
 * {@code meta.lastUpdated}, sent as {@code ETag: W/"<version>"} and
 * {@code Last-Modified}; a matching {@code If-None-Match} gets 304. An import is read
 * strictly, checked against what the directive model can represent (400 naming the
 * element) and validated as an R4 Consent by {@link FhirValidation} (422 listing the
 * validator's errors); nothing is written unless all pass.
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

	private final FhirValidation validation;

	public FhirConsentController(FhirConsentMapper mapper, ConsentService consent, ConsentActorResolver actors,
			ConsentProperties properties, Clock clock, FhirValidation validation) {
		this.mapper = mapper;
		this.validation = validation;
		this.consent = consent;
		this.actors = actors;
		this.properties = properties;
		this.clock = clock;
	}

	@GetMapping(path = { "/api/me/consent.fhir", "/api/citizens/{nhs}/consent.fhir" }, produces = FHIR_JSON)
	ResponseEntity<String> export(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		ConsentActor actor = actor(token, nhs);
		ConsentState state = this.consent.state(actor.subject());
		Consent resource = this.mapper.toConsent(state, this.properties.noticeVersion(), this.clock.instant());
		return FhirResponses.read(this.mapper.encode(resource), resource.getMeta().getVersionId(),
				FhirConsentMapper.lastUpdated(state));
	}

	@PutMapping(path = { "/api/me/consent.fhir", "/api/citizens/{nhs}/consent.fhir" },
			consumes = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE },
			produces = { MediaType.APPLICATION_JSON_VALUE, FHIR_JSON })
	@ApiResponse(responseCode = "200",
			description = "The directives recorded (application/json), or for a FHIR client (Accept: "
					+ "application/fhir+json) the Consent as it now is, with its ETag",
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ImportResponse.class)),
					@Content(mediaType = FHIR_JSON, schema = @Schema(type = "object")) })
	ResponseEntity<?> importConsent(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs,
			@RequestBody String body, HttpServletRequest request) {
		ConsentActor actor = actor(token, nhs);
		Consent resource = this.mapper.read(body);
		FhirConsentMapper.Imported imported = this.mapper.interpret(resource, actor.subject(),
				this.properties.maxActiveDirectives(), this.properties.maxListSize());
		// what Concord can represent must also be a valid R4 Consent (scope is required,
		// codes must exist, invariants hold): else 422 and nothing is written
		this.validation.requireValid(resource, "the Consent");
		ConsentOutcome outcome = this.consent.replaceAll(actor, imported.drafts(), imported.optOut(),
				(i) -> "Consent.provision.provision[" + i + "].actor");
		if (OperationOutcomeAdvice.asksForFhir(request)) {
			// a FHIR update answers the resource as stored
			Consent stored = this.mapper.toConsent(outcome.state(), this.properties.noticeVersion(),
					this.clock.instant());
			return FhirResponses.read(this.mapper.encode(stored), stored.getMeta().getVersionId(),
					FhirConsentMapper.lastUpdated(outcome.state()));
		}
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ImportResponse(outcome.recorded().stream().map(DirectiveView::of).toList(),
					outcome.state().activeDirectives().stream().map(DirectiveView::of).toList(),
					outcome.state().nationalOptOut(), ReceiptRef.of(outcome.receipt()), outcome.state().version()));
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
