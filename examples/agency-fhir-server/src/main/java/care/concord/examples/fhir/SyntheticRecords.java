package care.concord.examples.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import care.concord.agency.ProtectedResource;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The hospital's records: synthetic, in memory. Each record carries its consent category
 * (also shown as a {@code meta.tag} of system {@link #CATEGORY_SYSTEM}): Patient is
 * {@code summary}, Observation {@code test-results}, Condition {@code summary},
 * MedicationStatement {@code medications}, DocumentReference {@code care-plan}, unless
 * the record is more sensitive (a mental-health diagnosis or letter is
 * {@code mental-health}).
 */
public final class SyntheticRecords {

	/** The NHS number identifier system. */
	public static final String NHS_NUMBER_SYSTEM = "https://fhir.nhs.uk/Id/nhs-number";

	/** The system of the {@code meta.tag} naming a record's consent category. */
	public static final String CATEGORY_SYSTEM = "https://concord.care/category";

	/** The category of each resource type, unless a record says otherwise. */
	public static final Map<String, String> DEFAULT_CATEGORY = Map.of("Patient", "summary", "Observation",
			"test-results", "Condition", "summary", "MedicationStatement", "medications", "DocumentReference",
			"care-plan");

	/**
	 * A record and what it discloses.
	 *
	 * @param resource the FHIR resource
	 * @param patientId the local id of the patient it is about
	 * @param category its consent category
	 */
	public record Stored(Resource resource, String patientId, String category) {

		public String type() {
			return this.resource.fhirType();
		}

		public String id() {
			return this.resource.getIdElement().getIdPart();
		}

	}

	private final Map<String, Patient> patients = new LinkedHashMap<>();

	private final Map<String, String> nhsNumbers = new LinkedHashMap<>();

	private final List<Stored> records = new ArrayList<>();

	/** The synthetic data set: Alice (9434765919) and Bob (9434765870). */
	public static SyntheticRecords demo() {
		SyntheticRecords data = new SyntheticRecords();
		data.patient("rr8-1001", "9434765919", "Citizen", "Alice", Enumerations.AdministrativeGender.FEMALE);
		data.patient("rr8-1002", "9434765870", "Citizen", "Bob", Enumerations.AdministrativeGender.MALE);
		data.medication("ms-1", "rr8-1001", "Amlodipine 5 mg tablets", "one daily");
		data.medication("ms-2", "rr8-1001", "Atorvastatin 20 mg tablets", "one at night");
		data.medication("ms-3", "rr8-1002", "Salbutamol 100 micrograms inhaler", "two puffs when needed");
		data.condition("c-1", "rr8-1001", "38341003", "Hypertension", "summary");
		data.condition("c-2", "rr8-1001", "35489007", "Depressive disorder", "mental-health");
		data.condition("c-3", "rr8-1002", "195967001", "Asthma", "summary");
		data.observation("o-1", "rr8-1001", "8480-6", "Systolic blood pressure", 142, "mm[Hg]");
		data.observation("o-2", "rr8-1001", "4548-4", "HbA1c", 41, "mmol/mol");
		data.document("d-1", "rr8-1001", "Discharge summary, cardiology", "care-plan");
		data.document("d-2", "rr8-1001", "Psychiatric liaison assessment", "mental-health");
		return data;
	}

	public Optional<Patient> patient(String id) {
		return Optional.ofNullable(this.patients.get(id));
	}

	public Optional<Patient> patientByNhsNumber(String nhsNumber) {
		return this.patients.values()
			.stream()
			.filter((patient) -> nhsNumber.equals(this.nhsNumbers.get(patient.getIdElement().getIdPart())))
			.findFirst();
	}

	public Optional<String> nhsNumberOf(String patientId) {
		return Optional.ofNullable(this.nhsNumbers.get(patientId));
	}

	/** The records of that type about the patient. */
	public List<Stored> ofPatient(String type, String patientId) {
		return this.records.stream()
			.filter((record) -> record.type().equals(type) && record.patientId().equals(patientId))
			.toList();
	}

	public Optional<Stored> record(String type, String id) {
		return this.records.stream()
			.filter((record) -> record.type().equals(type) && record.id().equals(id))
			.findFirst();
	}

	/** What the record discloses. */
	public ProtectedResource resourceOf(Stored record) {
		return ProtectedResource.of(this.nhsNumbers.get(record.patientId()), record.category());
	}

	/** What the patient's own resource discloses. */
	public Optional<ProtectedResource> resourceOfPatient(String patientId) {
		return nhsNumberOf(patientId).map((nhs) -> ProtectedResource.of(nhs, DEFAULT_CATEGORY.get("Patient")));
	}

	/** Every (citizen, category) the hospital holds, to register at Concord. */
	public Set<ProtectedResource> allResources() {
		Set<ProtectedResource> all = new LinkedHashSet<>();
		this.patients.keySet().forEach((id) -> resourceOfPatient(id).ifPresent(all::add));
		this.records.forEach((record) -> all.add(resourceOf(record)));
		return all;
	}

	/**
	 * The categories of the patient's records of that type, and the type's own category.
	 */
	public Set<ProtectedResource> resourcesOfSearch(String type, String patientId) {
		Set<ProtectedResource> needed = ofPatient(type, patientId).stream()
			.map(this::resourceOf)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		nhsNumberOf(patientId).ifPresent((nhs) -> needed.add(ProtectedResource.of(nhs, DEFAULT_CATEGORY.get(type))));
		return needed;
	}

	private void patient(String id, String nhs, String family, String given, Enumerations.AdministrativeGender gender) {
		Patient patient = new Patient();
		patient.setId(id);
		patient.addIdentifier().setSystem(NHS_NUMBER_SYSTEM).setValue(nhs);
		patient.addName(new HumanName().setFamily(family).addGiven(given));
		patient.setGender(gender);
		tag(patient, DEFAULT_CATEGORY.get("Patient"));
		this.patients.put(id, patient);
		this.nhsNumbers.put(id, nhs);
	}

	private void medication(String id, String patientId, String text, String dosage) {
		MedicationStatement statement = new MedicationStatement();
		statement.setId(id);
		statement.setStatus(MedicationStatement.MedicationStatementStatus.ACTIVE);
		statement.setMedication(new CodeableConcept().setText(text));
		statement.addDosage().setText(dosage);
		statement.setSubject(new Reference("Patient/" + patientId));
		add(statement, patientId, DEFAULT_CATEGORY.get("MedicationStatement"));
	}

	private void condition(String id, String patientId, String snomed, String text, String category) {
		Condition condition = new Condition();
		condition.setId(id);
		condition.setCode(new CodeableConcept(new Coding("http://snomed.info/sct", snomed, text)).setText(text));
		condition.setSubject(new Reference("Patient/" + patientId));
		add(condition, patientId, category);
	}

	private void observation(String id, String patientId, String loinc, String text, double value, String unit) {
		Observation observation = new Observation();
		observation.setId(id);
		observation.setStatus(Observation.ObservationStatus.FINAL);
		observation.setCode(new CodeableConcept(new Coding("http://loinc.org", loinc, text)).setText(text));
		observation.setValue(new Quantity().setValue(value).setUnit(unit));
		observation.setSubject(new Reference("Patient/" + patientId));
		add(observation, patientId, DEFAULT_CATEGORY.get("Observation"));
	}

	private void document(String id, String patientId, String description, String category) {
		DocumentReference document = new DocumentReference();
		document.setId(id);
		document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
		document.setDescription(description);
		document.setSubject(new Reference("Patient/" + patientId));
		add(document, patientId, category);
	}

	private void add(Resource resource, String patientId, String category) {
		tag(resource, category);
		this.records.add(new Stored(resource, patientId, category));
	}

	private static void tag(Resource resource, String category) {
		resource.getMeta().addTag(CATEGORY_SYSTEM, category, null);
	}

}
