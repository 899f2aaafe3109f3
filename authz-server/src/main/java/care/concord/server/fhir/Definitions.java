package care.concord.server.fhir;

import java.util.List;
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
		if (content == CodeSystemContentMode.COMPLETE) {
			system.setCount(codes.size());
		}
		codes.forEach((code, display) -> system.addConcept().setCode(code).setDisplay(display));
		return system;
	}

	/**
	 * A simple extension (one value of one type, no sub-extensions) on the given element,
	 * with its differential and its snapshot (the base {@code Extension}'s elements,
	 * constrained), so that no snapshot has to be generated to use or check it.
	 * @param base the base definition
	 * {@code http://hl7.org/fhir/StructureDefinition/Extension} with its snapshot
	 * @param id the id, also the last segment of the URL
	 * @param name a computer-friendly name
	 * @param title the human title
	 * @param description what the extension says
	 * @param context where it may appear, a FHIRPath expression ({@code Consent})
	 * @param valueType the FHIR type of its value ({@code boolean})
	 */
	public static StructureDefinition simpleExtension(StructureDefinition base, String id, String name, String title,
			String description, String context, String valueType) {
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
		definition.setKind(StructureDefinitionKind.COMPLEXTYPE);
		definition.setAbstract(false);
		// a FHIRPath context: with an element context the validator
		// (org.hl7.fhir.validation 6.7.9) checks the
		// element in every published R4 version, fetching packages from the network, and
		// fails
		definition.addContext().setType(ExtensionContextType.FHIRPATH).setExpression(context);
		definition.setType("Extension");
		definition.setBaseDefinition(EXTENSION);
		definition.setDerivation(TypeDerivationRule.CONSTRAINT);
		for (int i = 0; i < 4; i++) {
			definition.getDifferential().addElement(new ElementDefinition());
		}
		constrain(definition.getDifferential().getElement(), url, title, description, valueType);
		if (base == null || !EXTENSION.equals(base.getUrl()) || !base.hasSnapshot()) {
			throw new IllegalArgumentException("the base Extension definition with its snapshot is needed");
		}
		for (ElementDefinition element : base.getSnapshot().getElement()) {
			definition.getSnapshot().addElement(element.copy());
		}
		constrain(definition.getSnapshot().getElement(), url, title, description, valueType);
		return definition;
	}

	/** The base of every extension. */
	public static final String EXTENSION = "http://hl7.org/fhir/StructureDefinition/Extension";

	/**
	 * Constrains the elements of an Extension: the root to at most one, no
	 * sub-extensions, the fixed url, one value of the type. In a differential the four
	 * elements are new and get their path and id; in a snapshot the base's are found by
	 * id.
	 */
	private static void constrain(List<ElementDefinition> elements, String url, String title, String description,
			String valueType) {
		ElementDefinition root = element(elements, 0, "Extension");
		root.setShort(title).setDefinition(description).setMax("1");
		ElementDefinition nested = element(elements, 1, "Extension.extension");
		nested.setMax("0");
		ElementDefinition urlElement = element(elements, 2, "Extension.url");
		urlElement.setFixed(new UriType(url));
		ElementDefinition value = element(elements, 3, "Extension.value[x]");
		value.setMin(1);
		value.getType().clear();
		value.addType().setCode(valueType);
	}

	private static ElementDefinition element(List<ElementDefinition> elements, int index, String id) {
		for (ElementDefinition element : elements) {
			if (id.equals(element.getId())) {
				return element;
			}
		}
		ElementDefinition element = elements.get(index);
		element.setId(id);
		element.setPath(id);
		return element;
	}

}
