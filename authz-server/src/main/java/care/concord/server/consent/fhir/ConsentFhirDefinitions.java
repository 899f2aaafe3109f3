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
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalDeleteStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ConditionalReadStatus;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The definitions of Concord's FHIR Consent: the code systems of organisation types,
 * practitioner roles and data categories, and the national data opt-out extension.
 * Organisation types and categories are complete (the enumerations of the consent model);
 * roles are an open vocabulary ({@code [a-z-]{1,40}}), so that code system is a fragment
 * holding the roles of Concord's own accounts ({@link PersonRole}). And the Consent
 * resource served at {@code /fhir/Consent} (read, update, search by patient).
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

	@Override
	public List<CapabilityStatementRestResourceComponent> restResources() {
		CapabilityStatementRestResourceComponent consent = new CapabilityStatementRestResourceComponent();
		consent.setType("Consent");
		consent.setProfile("http://hl7.org/fhir/StructureDefinition/Consent");
		consent.setDocumentation("The citizen's consent (their active directives and the national data opt-out), "
				+ "one per citizen, id a name-based UUID of the NHS number; for the citizen and the proxies they "
				+ "named. Update replaces the directives (validated; 422 if invalid) and is version-aware: "
				+ "If-Match W/\"versionId\" is optional, and a version that is no longer current gets 412. "
				+ "Conditional update by patient:identifier (an NHS number) updates that citizen's Consent; no "
				+ "Consent is ever created. A search without parameters answers every Consent the caller may read. "
				+ "Also at /api/me/consent.fhir and /api/citizens/{nhs-number}/consent.fhir.");
		consent.setVersioning(ResourceVersionPolicy.VERSIONEDUPDATE);
		consent.setReadHistory(false);
		consent.setUpdateCreate(false);
		consent.setConditionalCreate(false);
		consent.setConditionalRead(ConditionalReadStatus.NOTSUPPORTED);
		consent.setConditionalUpdate(true);
		consent.setConditionalDelete(ConditionalDeleteStatus.NOTSUPPORTED);
		consent.addInteraction().setCode(TypeRestfulInteraction.READ);
		consent.addInteraction().setCode(TypeRestfulInteraction.UPDATE);
		consent.addInteraction().setCode(TypeRestfulInteraction.SEARCHTYPE);
		consent.addSearchParam()
			.setName("patient")
			.setType(SearchParamType.REFERENCE)
			.setDefinition("http://hl7.org/fhir/SearchParameter/clinical-patient")
			.setDocumentation("With the modifier :identifier (or the chain patient.identifier): "
					+ "https://fhir.nhs.uk/Id/nhs-number|9434765919 (the NHS number after the bar). Other parameters are refused (400).");
		return List.of(consent);
	}

}
