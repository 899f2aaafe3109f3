package care.concord.server.consent.fhir;

import java.time.Clock;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import care.concord.server.consent.ConsentActor;
import care.concord.server.consent.ConsentActorResolver;
import care.concord.server.consent.ConsentOutcome;
import care.concord.server.consent.ConsentProperties;
import care.concord.server.consent.ConsentService;
import care.concord.server.consent.ConsentState;
import care.concord.server.consent.DirectiveView;
import care.concord.server.consent.ConsentController.ReceiptRef;
import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.Printable;
import care.concord.server.domain.NotFoundException;
import care.concord.server.fhir.FhirSearchParameters;
import care.concord.server.fhir.FhirValidation;
import care.concord.server.fhir.SearchBundles;
import care.concord.server.web.FhirResponses;
import care.concord.server.web.OperationOutcomeAdvice;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
 * validator's errors); nothing is written unless all pass. An import with
 * {@code If-Match: W/"<version>"} is applied only if the consent is still at that version
 * (412 otherwise, checked under the citizen's row lock).
 *
 * <p>
 * The same Consent is a FHIR resource under the FHIR base: {@code GET /fhir/Consent/{id}}
 * (read), {@code PUT /fhir/Consent/{id}} (update, version-aware with {@code If-Match})
 * and
 * {@code GET /fhir/Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>}
 * (search). Who may is decided by {@link ConsentActorResolver} as on the paths above: an
 * id that is not the Consent of the caller or of a citizen who named them as proxy is
 * answered 404, as an id that does not exist; a search naming such a citizen is refused
 * with 403, as {@code /api/citizens/{nhs}/consent.fhir} is, whether or not the number is
 * known.
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

	/** The search parameters {@code GET /fhir/Consent} supports. */
	static final Set<String> SEARCH_PARAMETERS = Set.of("patient:identifier", "patient.identifier");

	@GetMapping(path = { "/api/me/consent.fhir", "/api/citizens/{nhs}/consent.fhir" }, produces = FHIR_JSON)
	ResponseEntity<String> export(@AuthenticationPrincipal Jwt token, @PathVariable(required = false) String nhs) {
		return read(actor(token, nhs));
	}

	/**
	 * FHIR read: the Consent with that id, if it is the caller's own or that of a citizen
	 * who named them as proxy; 404 for any other id, known or not.
	 */
	@GetMapping(path = "/fhir/Consent/{id}", produces = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> readById(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
		return read(actorById(token, id));
	}

	/**
	 * FHIR search by the patient's NHS number ({@code patient:identifier} or
	 * {@code patient.identifier}, {@code https://fhir.nhs.uk/Id/nhs-number|<nhs>}): a
	 * searchset Bundle with the citizen's Consent (every citizen has one, version 0
	 * before any change). 403 when the caller is neither the citizen nor their proxy, as
	 * on {@code /api/citizens/{nhs}/consent.fhir}; an empty Bundle for an identifier of
	 * another system. Without the parameter, every Consent the caller may read: their own
	 * (when they are a citizen), then those of the citizens who named them as proxy; none
	 * for anybody else (an empty Bundle, as a search that matches nothing).
	 */
	@GetMapping(path = "/fhir/Consent", produces = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> search(@AuthenticationPrincipal Jwt token, HttpServletRequest request) {
		FhirSearchParameters parameters = FhirSearchParameters.read("Consent", request.getParameterMap(),
				SEARCH_PARAMETERS);
		String patient = parameters.single("patient:identifier", "patient.identifier");
		String base = FhirResponses.baseUrl(request);
		if (patient == null) {
			List<ConsentActor> readable = this.actors.all(token);
			Bundle bundle = SearchBundles.searchset(base, "Consent", request.getQueryString(), readable.size());
			for (ConsentActor actor : readable) {
				SearchBundles.addMatch(bundle, base, toConsent(this.consent.state(actor.subject())));
			}
			return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).body(this.mapper.encode(bundle));
		}
		if (!namesNhsNumber(patient)) {
			// Concord's Consents name their patient by NHS number only: nothing matches
			Bundle none = SearchBundles.searchset(base, "Consent", request.getQueryString(), 0);
			return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).body(this.mapper.encode(none));
		}
		ConsentActor actor = this.actors.forCitizen(token, nhsNumber(patient));
		Consent resource = toConsent(this.consent.state(actor.subject()));
		Bundle bundle = SearchBundles.searchset(base, "Consent", request.getQueryString(), 1);
		SearchBundles.addMatch(bundle, base, resource);
		return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).body(this.mapper.encode(bundle));
	}

	/**
	 * FHIR update: replaces the citizen's directives and opt-out with the Consent, which
	 * must carry the id of the URL (400 otherwise); validated as the import on
	 * {@code .../consent.fhir} is. With {@code If-Match: W/"<version>"} only if the
	 * consent is still at that version (412 otherwise). Answers the Consent as stored,
	 * with its ETag.
	 */
	@PutMapping(path = "/fhir/Consent/{id}", consumes = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE },
			produces = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> update(@AuthenticationPrincipal Jwt token, @PathVariable String id,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody String body) {
		ConsentActor actor = actorById(token, id);
		Long expected = FhirResponses.expectedVersion(ifMatch);
		Consent resource = this.mapper.read(body);
		String bodyId = resource.getIdElement().getIdPart();
		if (bodyId == null || !bodyId.equals(id)) {
			throw new InvalidRequestException("Consent.id", (bodyId == null) ? "is required and must be " + id
					: "must be the id of the URL, " + id + " (the body has " + Printable.of(bodyId) + ")");
		}
		ConsentOutcome outcome = replace(actor, resource, expected);
		return read(outcome.state());
	}

	/**
	 * FHIR conditional update by the patient's NHS number
	 * ({@code PUT /fhir/Consent?patient:identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>}):
	 * the search matches exactly one Consent (every citizen has one), which is updated as
	 * by {@code PUT /fhir/Consent/{id}}; the body's id, when it has one, must be that
	 * Consent's (400 otherwise). 403 when the caller is neither the citizen nor their
	 * proxy; 400 without the parameter or with an identifier of another system (Concord
	 * creates no Consents: every citizen has one).
	 */
	@PutMapping(path = "/fhir/Consent", consumes = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE },
			produces = { FHIR_JSON, MediaType.APPLICATION_JSON_VALUE })
	ResponseEntity<String> conditionalUpdate(@AuthenticationPrincipal Jwt token,
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody String body,
			HttpServletRequest request) {
		FhirSearchParameters parameters = FhirSearchParameters.read("Consent", request.getParameterMap(),
				SEARCH_PARAMETERS);
		String patient = parameters.single("patient:identifier", "patient.identifier");
		if (patient == null) {
			throw new InvalidRequestException("patient:identifier",
					"is required for a conditional update: " + FhirConsentMapper.NHS_NUMBER_SYSTEM + "|<NHS number>");
		}
		if (!namesNhsNumber(patient)) {
			throw new InvalidRequestException("patient:identifier", "must be an NHS number ("
					+ FhirConsentMapper.NHS_NUMBER_SYSTEM + "|<NHS number>): Concord creates no Consents");
		}
		ConsentActor actor = this.actors.forCitizen(token, nhsNumber(patient));
		String id = FhirConsentMapper.consentId(actor.subject());
		Long expected = FhirResponses.expectedVersion(ifMatch);
		Consent resource = this.mapper.read(body);
		String bodyId = resource.getIdElement().getIdPart();
		if (bodyId != null && !bodyId.equals(id)) {
			throw new InvalidRequestException("Consent.id", "must be the id of the Consent the search matched, " + id
					+ " (the body has " + Printable.of(bodyId) + ")");
		}
		ConsentOutcome outcome = replace(actor, resource, expected);
		return read(outcome.state());
	}

	/**
	 * Whether a {@code patient:identifier} value is of the NHS number system, or of no
	 * system (the number alone, or {@code |number}).
	 */
	private static boolean namesNhsNumber(String patient) {
		int bar = patient.indexOf('|');
		return bar <= 0 || patient.substring(0, bar).equals(FhirConsentMapper.NHS_NUMBER_SYSTEM);
	}

	/**
	 * The NHS number of a {@code patient:identifier} value, with or without its system.
	 */
	private static String nhsNumber(String patient) {
		return FhirSearchParameters.token("patient:identifier", patient, FhirConsentMapper.NHS_NUMBER_SYSTEM);
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
			@RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch, @RequestBody String body,
			HttpServletRequest request) {
		ConsentActor actor = actor(token, nhs);
		Long expected = FhirResponses.expectedVersion(ifMatch);
		ConsentOutcome outcome = replace(actor, this.mapper.read(body), expected);
		if (OperationOutcomeAdvice.asksForFhir(request)) {
			// a FHIR update answers the resource as stored
			return read(outcome.state());
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

	private ConsentActor actorById(Jwt token, String id) {
		return this.actors.find(token, (NhsNumber subject) -> FhirConsentMapper.consentId(subject).equals(id))
			.orElseThrow(() -> new NotFoundException("Consent " + Printable.of(id)));
	}

	/**
	 * Reads the Consent strictly, checks what the directive model can represent (400),
	 * validates it as R4 (422) and replaces the citizen's directives, if still at the
	 * expected version (412).
	 */
	private ConsentOutcome replace(ConsentActor actor, Consent resource, Long expectedVersion) {
		FhirConsentMapper.Imported imported = this.mapper.interpret(resource, actor.subject(),
				this.properties.maxActiveDirectives(), this.properties.maxListSize());
		// what Concord can represent must also be a valid R4 Consent (scope is required,
		// codes must exist, invariants hold): else 422 and nothing is written
		this.validation.requireValid(resource, "the Consent");
		return this.consent.replaceAll(actor, imported.drafts(), imported.optOut(),
				(i) -> "Consent.provision.provision[" + i + "].actor", expectedVersion);
	}

	private Consent toConsent(ConsentState state) {
		return this.mapper.toConsent(state, this.properties.noticeVersion(), this.clock.instant());
	}

	private ResponseEntity<String> read(ConsentActor actor) {
		return read(this.consent.state(actor.subject()));
	}

	/** The Consent with its ETag and Last-Modified (304 to a matching GET). */
	private ResponseEntity<String> read(ConsentState state) {
		Consent resource = toConsent(state);
		return FhirResponses.read(this.mapper.encode(resource), resource.getMeta().getVersionId(),
				FhirConsentMapper.lastUpdated(state));
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
