package care.concord.examples.fhir;

import java.util.Set;

import care.concord.agency.Enforcement;
import care.concord.agency.ProtectedResource;
import care.concord.agency.spring.UmaProtectionFilter;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import org.hl7.fhir.r4.model.Condition;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FhirRequestResourceMapperTests {

	static final String ALICE = "9434765919";

	final SyntheticRecords records = SyntheticRecords.demo();

	final FhirRequestResourceMapper mapper = new FhirRequestResourceMapper(this.records);

	@Test
	void resourcesOfWhenSearchByPatientThenEveryCategoryOfTheResultsAndTheType() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Condition");
		request.addParameter("patient", "Patient/rr8-1001");
		assertThat(this.mapper.resourcesOf(request)).containsExactlyInAnyOrder(ProtectedResource.of(ALICE, "summary"),
				ProtectedResource.of(ALICE, "mental-health"));
	}

	@Test
	void resourcesOfWhenReadOrPatientSearchThenThatRecordsCategory() {
		assertThat(this.mapper.resourcesOf(new MockHttpServletRequest("GET", "/fhir/DocumentReference/d-2")))
			.containsExactly(ProtectedResource.of(ALICE, "mental-health"));
		MockHttpServletRequest byNhs = new MockHttpServletRequest("GET", "/fhir/Patient");
		byNhs.addParameter("identifier", SyntheticRecords.NHS_NUMBER_SYSTEM + "|" + ALICE);
		assertThat(this.mapper.resourcesOf(byNhs)).containsExactly(ProtectedResource.of(ALICE, "summary"));
	}

	@Test
	void resourcesOfWhenMetadataOrUnknownThenNothing() {
		assertThat(this.mapper.resourcesOf(new MockHttpServletRequest("GET", "/fhir/metadata"))).isEmpty();
		assertThat(this.mapper.resourcesOf(new MockHttpServletRequest("GET", "/fhir/Condition/nope"))).isEmpty();
		assertThat(this.mapper.resourcesOf(new MockHttpServletRequest("GET", "/fhir/Condition"))).isEmpty();
	}

	@Test
	void searchWhenPermitLeavesOutMentalHealthThenItIsNotReturned() {
		RecordProvider<Condition> conditions = new RecordProvider<>(Condition.class, this.records,
				new DisclosureGuard(false));
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fhir/Condition");
		request.setAttribute(UmaProtectionFilter.PERMIT_ATTRIBUTE,
				new Enforcement.Permit(Set.of(ProtectedResource.of(ALICE, "summary")), null));
		assertThat(conditions.byPatient(new ReferenceParam("rr8-1001"), request))
			.extracting((condition) -> condition.getCode().getText())
			.containsExactly("Hypertension");
	}

	@Test
	void searchWhenNoPermitThenRefused() {
		RecordProvider<Condition> conditions = new RecordProvider<>(Condition.class, this.records,
				new DisclosureGuard(false));
		assertThatExceptionOfType(ForbiddenOperationException.class)
			.isThrownBy(() -> conditions.byPatient(new ReferenceParam("rr8-1001"), new MockHttpServletRequest()));
	}

}
