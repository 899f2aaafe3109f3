package care.concord.server.fhir;

import java.util.Optional;

import ca.uhn.fhir.context.FhirContext;
import care.concord.server.web.ErrorCatalogue;
import care.concord.server.web.FhirResponses;
import care.concord.server.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.MetadataResource;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Concord's FHIR base {@code /fhir}, the public part: the {@code CapabilityStatement}
 * ({@code GET /fhir/metadata}), and Concord's code systems and extension definitions,
 * read by id ({@code GET /fhir/CodeSystem/org-type}) or found by canonical URL
 * ({@code GET /fhir/CodeSystem?url=https://concord.care/fhir/CodeSystem/org-type}, a
 * {@code searchset} Bundle). Reads carry an {@code ETag} and {@code Last-Modified} and
 * answer 304 to a matching {@code If-None-Match}.
 */
@RestController
public class FhirConformanceController {

	private final FhirConformance conformance;

	private final FhirContext fhir;

	FhirConformanceController(FhirConformance conformance, FhirContext fhir) {
		this.conformance = conformance;
		this.fhir = fhir;
	}

	/** The CapabilityStatement of the FHIR base. */
	@GetMapping(path = "/fhir/metadata", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> metadata(HttpServletRequest request) {
		CapabilityStatement statement = this.conformance.capabilityStatement(FhirResponses.baseUrl(request));
		return FhirResponses.read(encode(statement), statement.getMeta().getVersionId(),
				statement.getMeta().getLastUpdated().toInstant());
	}

	/** A code system by id. */
	@GetMapping(path = "/fhir/CodeSystem/{id}", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> codeSystem(@PathVariable String id) {
		return read("CodeSystem", id);
	}

	/** A structure definition by id. */
	@GetMapping(path = "/fhir/StructureDefinition/{id}", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> structureDefinition(@PathVariable String id) {
		return read("StructureDefinition", id);
	}

	/** Code systems with that canonical URL (none or one), as a searchset Bundle. */
	@GetMapping(path = "/fhir/CodeSystem", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> searchCodeSystems(@RequestParam String url, HttpServletRequest request) {
		return search("CodeSystem", url, request);
	}

	/**
	 * Structure definitions with that canonical URL (none or one), as a searchset Bundle.
	 */
	@GetMapping(path = "/fhir/StructureDefinition", produces = { "application/fhir+json", "application/json" })
	ResponseEntity<String> searchStructureDefinitions(@RequestParam String url, HttpServletRequest request) {
		return search("StructureDefinition", url, request);
	}

	private ResponseEntity<String> read(String type, String id) {
		MetadataResource definition = this.conformance.find(type, id)
			.orElseThrow(() -> new ProblemException(ErrorCatalogue.NOT_FOUND,
					"no " + type + " with id '" + care.concord.policy.request.Printable.of(id) + "'"));
		// the definitions are shared: encode a copy
		return FhirResponses.read(encode(definition.copy()), definition.getMeta().getVersionId(),
				definition.getMeta().getLastUpdated().toInstant());
	}

	private ResponseEntity<String> search(String type, String url, HttpServletRequest request) {
		Optional<MetadataResource> found = this.conformance.findByUrl(type, url);
		String base = FhirResponses.baseUrl(request);
		Bundle bundle = SearchBundles.searchset(base, type, "url=" + encodeQuery(url), found.isPresent() ? 1 : 0);
		// the definitions are shared: a copy joins the bundle
		found.ifPresent((definition) -> SearchBundles.addMatch(bundle, base, definition.copy()));
		return ResponseEntity.ok().contentType(FhirResponses.FHIR_JSON).body(encode(bundle));
	}

	private static String encodeQuery(String value) {
		return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	private String encode(IBaseResource resource) {
		return this.fhir.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
	}

}
