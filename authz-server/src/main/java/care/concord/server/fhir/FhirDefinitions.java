package care.concord.server.fhir;

import java.util.List;

import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * What a feature adds to Concord's FHIR conformance: the definitions it owns (its
 * {@code CodeSystem}s and extension {@code StructureDefinition}s, published at their
 * canonical URLs and known to the {@link FhirValidation validator}) and the resources it
 * serves under the FHIR base {@code /fhir} (listed in the {@code CapabilityStatement}).
 * Features declare one as a bean, so that this package depends on none of them.
 */
public interface FhirDefinitions {

	/** The feature's canonical resources; each has an {@code id} and a {@code url}. */
	List<MetadataResource> definitions();

	/**
	 * The resource types the feature serves under {@code /fhir}, with their interactions
	 * and search parameters.
	 */
	default List<CapabilityStatementRestResourceComponent> restResources() {
		return List.of();
	}

}
