package care.concord.examples.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import care.concord.agency.PractitionerClaims;
import care.concord.agency.spring.UmaClientHttpRequestInterceptor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code GET /patients/{nhs}/summary}: the patient's medications and conditions held by
 * the hospital. The practitioner is named by headers (a real app takes them from its own
 * login): {@code X-Practitioner-Id}, {@code X-Practitioner-Role} (default
 * {@code clinician}), {@code X-Purpose-Of-Use} (default {@code direct-care}), and
 * {@code X-Break-Glass-Reason} to break glass (then the purpose is
 * {@code emergency-care}).
 */
@RestController
public class SummaryController {

	private static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	private final RestClient hospital;

	private final ObjectMapper json;

	public SummaryController(RestClient hospital, ObjectMapper json) {
		this.hospital = hospital;
		this.json = json;
	}

	@GetMapping("/patients/{nhs}/summary")
	Map<String, Object> summary(@PathVariable String nhs,
			@RequestHeader(name = "X-Practitioner-Id", required = false) String practitionerId,
			@RequestHeader(name = "X-Practitioner-Role", defaultValue = "clinician") String role,
			@RequestHeader(name = "X-Purpose-Of-Use", defaultValue = "direct-care") String purpose,
			@RequestHeader(name = "X-Break-Glass-Reason", required = false) String breakGlassReason) {
		if (!nhs.matches("[0-9]{10}")) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "the NHS number must be 10 digits");
		}
		PractitionerClaims claims = new PractitionerClaims(purpose, role, practitionerId, null);
		if (breakGlassReason != null) {
			claims = claims.breakingGlass(breakGlassReason);
		}
		List<JsonNode> patients = search(claims, "/Patient?identifier={identifier}", NHS_NUMBER_SYSTEM + "|" + nhs);
		if (patients.isEmpty()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "the hospital holds no record of this patient");
		}
		JsonNode patient = patients.get(0);
		String id = patient.path("id").asString();
		List<Map<String, String>> medications = new ArrayList<>();
		for (JsonNode statement : search(claims, "/MedicationStatement?patient={id}", id)) {
			medications.add(Map.of("id", statement.path("id").asString(), "medication",
					statement.path("medicationCodeableConcept").path("text").asString(""), "dosage",
					statement.path("dosage").path(0).path("text").asString("")));
		}
		List<Map<String, String>> conditions = new ArrayList<>();
		for (JsonNode condition : search(claims, "/Condition?patient={id}", id)) {
			conditions.add(Map.of("id", condition.path("id").asString(), "condition",
					condition.path("code").path("text").asString("")));
		}
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("nhs_number", nhs);
		summary.put("name", patient.path("name").path(0).path("given").path(0).asString("") + " "
				+ patient.path("name").path(0).path("family").asString(""));
		summary.put("medications", medications);
		summary.put("conditions", conditions);
		return summary;
	}

	/** The resources of a FHIR search's Bundle. */
	private List<JsonNode> search(PractitionerClaims claims, String query, Object... variables) {
		String body = this.hospital.get()
			.uri(query, variables)
			.attribute(UmaClientHttpRequestInterceptor.CLAIMS_ATTRIBUTE, claims)
			.retrieve()
			.body(String.class);
		List<JsonNode> resources = new ArrayList<>();
		for (JsonNode entry : this.json.readTree(body).path("entry")) {
			resources.add(entry.path("resource"));
		}
		return resources;
	}

}
