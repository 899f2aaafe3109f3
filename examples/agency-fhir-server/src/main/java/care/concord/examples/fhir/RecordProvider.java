package care.concord.examples.fhir;

import java.util.List;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.RequiredParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

/**
 * Read and search-by-patient of one clinical resource type; a search returns only the
 * records whose category the RPT permits (a sensitive record of a permitted type is left
 * out when its own category is not permitted).
 *
 * @param <T> the resource type
 */
public class RecordProvider<T extends Resource> implements IResourceProvider {

	private final Class<T> type;

	private final SyntheticRecords records;

	private final DisclosureGuard guard;

	public RecordProvider(Class<T> type, SyntheticRecords records, DisclosureGuard guard) {
		this.type = type;
		this.records = records;
		this.guard = guard;
	}

	@Override
	public Class<T> getResourceType() {
		return this.type;
	}

	@Read
	public T read(@IdParam IdType id, HttpServletRequest request) {
		SyntheticRecords.Stored record = this.records.record(this.type.getSimpleName(), id.getIdPart())
			.orElseThrow(() -> new ResourceNotFoundException(id));
		if (!this.guard.allows(request, this.records.resourceOf(record))) {
			throw new ForbiddenOperationException("the RPT does not permit this record");
		}
		return this.type.cast(record.resource());
	}

	@Search
	public List<T> byPatient(@RequiredParam(name = "patient") ReferenceParam patient, HttpServletRequest request) {
		return this.records.ofPatient(this.type.getSimpleName(), patient.getIdPart())
			.stream()
			.filter((record) -> this.guard.allows(request, this.records.resourceOf(record)))
			.map((record) -> this.type.cast(record.resource()))
			.toList();
	}

}
