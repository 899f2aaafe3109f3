package care.concord.examples.fhir;

import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;

/**
 * Patient read and search by NHS number
 * ({@code identifier=https://fhir.nhs.uk/Id/nhs-number|<nhs>}); a patient is the
 * {@code summary} category.
 */
public class PatientProvider implements IResourceProvider {

	private final SyntheticRecords records;

	private final DisclosureGuard guard;

	public PatientProvider(SyntheticRecords records, DisclosureGuard guard) {
		this.records = records;
		this.guard = guard;
	}

	@Override
	public Class<Patient> getResourceType() {
		return Patient.class;
	}

	@Read
	public Patient read(@IdParam IdType id, HttpServletRequest request) {
		Patient patient = this.records.patient(id.getIdPart()).orElseThrow(() -> new ResourceNotFoundException(id));
		if (!this.guard.allows(request, this.records.resourceOfPatient(id.getIdPart()).orElseThrow())) {
			throw new ForbiddenOperationException("the RPT does not permit this record");
		}
		return patient;
	}

	@Search
	public List<Patient> byIdentifier(@RequiredParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
			HttpServletRequest request) {
		if (identifier.getSystem() != null && !identifier.getSystem().isEmpty()
				&& !SyntheticRecords.NHS_NUMBER_SYSTEM.equals(identifier.getSystem())) {
			return List.of();
		}
		return this.records.patientByNhsNumber(identifier.getValue())
			.filter((patient) -> this.guard.allows(request,
					this.records.resourceOfPatient(patient.getIdElement().getIdPart()).orElseThrow()))
			.stream()
			.toList();
	}

}
