package care.concord.examples.fhir;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import care.concord.agency.ProtectedResource;
import care.concord.agency.spring.RequestResourceMapper;
import jakarta.servlet.http.HttpServletRequest;

/**
 * What a FHIR request under {@code /fhir} reads: a read names its record's citizen and
 * category; a search by patient names the categories of that patient's records of the
 * type (so a search whose results include a mental-health record asks Concord for
 * {@code mental-health} too, and returns it only if permitted); a patient search by NHS
 * number names {@code summary}. Anything it cannot place needs nothing, and then the
 * providers disclose nothing either ({@link DisclosureGuard}).
 */
public final class FhirRequestResourceMapper implements RequestResourceMapper {

	private static final String BASE = "/fhir";

	private final SyntheticRecords records;

	public FhirRequestResourceMapper(SyntheticRecords records) {
		this.records = records;
	}

	@Override
	public Collection<ProtectedResource> resourcesOf(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith(BASE + "/")) {
			return List.of();
		}
		String[] segments = path.substring(BASE.length() + 1).split("/");
		String type = segments[0];
		boolean search = segments.length == 1 || (segments.length == 2 && "_search".equals(segments[1]));
		if ("Patient".equals(type)) {
			if (search) {
				String identifier = request.getParameter("identifier");
				if (identifier == null) {
					return List.of();
				}
				String nhs = identifier.substring(identifier.indexOf('|') + 1);
				return this.records.patientByNhsNumber(nhs)
					.flatMap((patient) -> this.records.resourceOfPatient(patient.getIdElement().getIdPart()))
					.map(Set::of)
					.orElse(Set.of());
			}
			return this.records.resourceOfPatient(segments[1]).map(Set::of).orElse(Set.of());
		}
		if (!SyntheticRecords.DEFAULT_CATEGORY.containsKey(type)) {
			return List.of();
		}
		if (search) {
			String patient = request.getParameter("patient");
			if (patient == null) {
				return List.of();
			}
			return this.records.resourcesOfSearch(type, patient.substring(patient.lastIndexOf('/') + 1));
		}
		return this.records.record(type, segments[1]).map(this.records::resourceOf).map(Set::of).orElse(Set.of());
	}

}
