package care.concord.server.consent.fhir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import ca.uhn.fhir.context.FhirContext;

import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.server.fhir.Definitions;
import care.concord.server.people.PersonRole;
import care.concord.server.fhir.FhirDefinitions;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The definitions of Concord's FHIR Consent: the code systems of organisation types,
 * practitioner roles and data categories, and the national data opt-out extension.
 * Organisation types and categories are complete (the enumerations of the consent model);
 * roles are an open vocabulary ({@code [a-z-]{1,40}}), so that code system is a fragment
 * holding the roles of Concord's own accounts ({@link PersonRole}).
 */
public final class ConsentFhirDefinitions implements FhirDefinitions {

	private final FhirContext fhir;

	/** Definitions taking the base Extension definition from the context's own. */
	public ConsentFhirDefinitions(FhirContext fhir) {
		this.fhir = Objects.requireNonNull(fhir, "fhir");
	}

	@Override
	public List<MetadataResource> definitions() {
		Map<String, String> orgTypes = new LinkedHashMap<>();
		for (OrgType type : OrgType.values()) {
			orgTypes.put(type.code(), type.label());
		}
		Map<String, String> categories = new LinkedHashMap<>();
		for (Category category : Category.values()) {
			categories.put(category.code(), category.label());
		}
		Map<String, String> roles = new LinkedHashMap<>();
		for (PersonRole role : PersonRole.values()) {
			roles.put(role.code(), role.code());
		}
		return List.of(
				Definitions.codeSystem("org-type", "ConcordOrgType", "Concord organisation types",
						"The kinds of organisation a consent directive or a decision request names (org_type).",
						CodeSystemContentMode.COMPLETE, orgTypes),
				Definitions.codeSystem("role", "ConcordRole", "Concord roles",
						"Roles of the people acting (practitioner roles in directives and decision requests; "
								+ "Concord's own roles). An open vocabulary of lower-case words and '-': the "
								+ "codes listed are those Concord itself assigns.",
						CodeSystemContentMode.FRAGMENT, roles),
				Definitions.codeSystem("data-category", "ConcordDataCategory", "Concord data categories",
						"The categories of data a consent directive or a decision request is about.",
						CodeSystemContentMode.COMPLETE, categories),
				Definitions.simpleExtension(
						(StructureDefinition) this.fhir.getValidationSupport()
							.fetchStructureDefinition(Definitions.EXTENSION),
						"national-data-opt-out", "NationalDataOptOut", "National data opt-out",
						"Whether the citizen has registered the national data opt-out (true) or not (false).",
						"Consent", "boolean"));
	}

}
