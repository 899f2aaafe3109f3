package care.concord.server.fhir;

import java.util.Map;

import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeSystem.CodeSystemContentMode;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.StructureDefinition.ExtensionContextType;
import org.hl7.fhir.r4.model.StructureDefinition.StructureDefinitionKind;
import org.hl7.fhir.r4.model.StructureDefinition.TypeDerivationRule;
import org.hl7.fhir.r4.model.UriType;

/**
 * Builders of Concord's FHIR definitions, so that every feature writes its code systems
 * and extensions the same way: published ({@code status} active, publisher Concord), the
 * {@code id} the last segment of the canonical URL, which is served at
 * {@code /fhir/<type>/<id>}.
 */
public final class Definitions {

	/** The canonical base of Concord's definitions. */
	public static final String CANONICAL_BASE = "https://concord.care/fhir";

	private Definitions() {
	}

	/** The canonical URL of a Concord code system: {@code <base>/CodeSystem/<id>}. */
	public static String codeSystemUrl(String id) {
		return CANONICAL_BASE + "/CodeSystem/" + id;
	}

	/**
	 * The canonical URL of a Concord structure definition:
	 * {@code <base>/StructureDefinition/<id>}.
	 */
	public static String structureDefinitionUrl(String id) {
		return CANONICAL_BASE + "/StructureDefinition/" + id;
	}

	/**
	 * A code system of the given codes (code to display), in their order.
	 * @param id the id, also the last segment of the URL
	 * @param name a computer-friendly name ({@code ConcordOrgType})
	 * @param title the human title
	 * @param description what the codes mean
	 * @param content {@code COMPLETE} when the codes are all there are, {@code FRAGMENT}
	 * when others may occur
	 * @param codes code to display
	 */
	public static CodeSystem codeSystem(String id, String name, String title, String description,
			CodeSystemContentMode content, Map<String, String> codes) {
		CodeSystem system = new CodeSystem();
		system.setId(id);
		system.setUrl(codeSystemUrl(id));
		system.setName(name);
		system.setTitle(title);
		system.setStatus(PublicationStatus.ACTIVE);
		system.setExperimental(false);
		system.setPublisher("Concord");
		system.setDescription(description);
		system.setCaseSensitive(true);
		system.setContent(content);
		system.setCount(codes.size());
		codes.forEach((code, display) -> system.addConcept().setCode(code).setDisplay(display));
		return system;
	}

	/**
	 * A simple extension (one value of one type, no sub-extensions) on the given element.
	 * @param id the id, also the last segment of the URL
	 * @param name a computer-friendly name
	 * @param title the human title
	 * @param description what the extension says
	 * @param context the element it may appear on ({@code Consent})
	 * @param valueType the FHIR type of its value ({@code boolean})
	 */
	public static StructureDefinition simpleExtension(String id, String name, String title, String description,
			String context, String valueType) {
		String url = structureDefinitionUrl(id);
		StructureDefinition definition = new StructureDefinition();
		definition.setId(id);
		definition.setUrl(url);
		definition.setName(name);
		definition.setTitle(title);
		definition.setStatus(PublicationStatus.ACTIVE);
		definition.setExperimental(false);
		definition.setPublisher("Concord");
		definition.setDescription(description);
		definition.setFhirVersion(org.hl7.fhir.r4.model.Enumerations.FHIRVersion._4_0_1);
		definition.setKind(StructureDefinitionKind.COMPLEXTYPE);
		definition.setAbstract(false);
		definition.addContext().setType(ExtensionContextType.ELEMENT).setExpression(context);
		definition.setType("Extension");
		definition.setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Extension");
		definition.setDerivation(TypeDerivationRule.CONSTRAINT);
		ElementDefinition root = definition.getDifferential().addElement();
		root.setId("Extension");
		root.setPath("Extension").setShort(title).setDefinition(description).setMax("1");
		ElementDefinition nested = definition.getDifferential().addElement();
		nested.setId("Extension.extension");
		nested.setPath("Extension.extension").setMax("0");
		ElementDefinition urlElement = definition.getDifferential().addElement();
		urlElement.setId("Extension.url");
		urlElement.setPath("Extension.url").setFixed(new UriType(url));
		ElementDefinition value = definition.getDifferential().addElement();
		value.setId("Extension.value[x]");
		value.setPath("Extension.value[x]").setMin(1);
		value.addType().setCode(valueType);
		return definition;
	}

}
