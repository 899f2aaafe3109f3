package care.concord.server.consent;

import java.time.Instant;
import java.util.List;

import ca.uhn.fhir.context.FhirContext;
import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.citizen.Directive;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import care.concord.server.consent.fhir.FhirConsentMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link FhirConsentMapper}: the export / import round trip over every vocabulary, and
 * import refusals naming the FHIR element.
 */
class FhirConsentMapperTests {

	private static final FhirConsentMapper MAPPER = new FhirConsentMapper(FhirContext.forR4());

	private static final NhsNumber NHS = NhsNumber.parse("9434765919");

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static ConsentState state(boolean optOut, Directive... directives) {
		List<DirectiveVersion> versions = java.util.Arrays.stream(directives)
			.map((d) -> new DirectiveVersion(NHS, d, 1, NOW, "citizen-1", null, null))
			.toList();
		return new ConsentState(NHS, 3, optOut, null, versions);
	}

	@Test
	void parseWhenExportedThenSameDirectivesAndOptOutForEveryVocabularyCode() {
		Directive everything = Directive.builder()
			.id("d-all")
			.effect("permit")
			.organisations("RRP", "A81001")
			.orgTypes(OrgType.values())
			.roles("clinician", "social-worker")
			.categories(Category.values())
			.purposes(Purpose.values())
			.start(Instant.parse("2026-12-01T00:00:00.123456Z"))
			.end(Instant.parse("2027-12-01T00:00:00Z"))
			.build();
		Directive open = Directive.builder().id("d-open").effect("deny").build();
		String json = MAPPER.export(state(true, everything, open), "2026-11", NOW);
		FhirConsentMapper.Imported imported = MAPPER.parse(json, NHS, 100, 50);
		assertThat(imported.optOut()).isTrue();
		assertThat(imported.drafts()).hasSize(2);
		assertThat(imported.drafts().get(0).id()).isEqualTo("d-all");
		assertThat(ConsentService.sameContent(imported.drafts().get(0), everything)).isTrue();
		assertThat(ConsentService.sameContent(imported.drafts().get(1), open)).isTrue();
		assertThat(imported.drafts().get(0).start()).isEqualTo(everything.start());
	}

	@Test
	void parseWhenProvisionHasNoIdThenPlaceholderIdAndOptOutAbsentIsNull() {
		String json = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"provision\": "
				+ "[{\"type\": \"deny\"}, {\"type\": \"permit\"}]}}";
		FhirConsentMapper.Imported imported = MAPPER.parse(json, NHS, 100, 50);
		assertThat(imported.optOut()).isNull();
		assertThat(imported.drafts()).extracting(Directive::id).containsExactly("import-0", "import-1");
	}

	@Test
	void parseWhenTooManyProvisionsThenRefused() {
		String json = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"provision\": "
				+ "[{\"type\": \"deny\"}, {\"type\": \"permit\"}, {\"type\": \"permit\"}]}}";
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> MAPPER.parse(json, NHS, 2, 50))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Consent.provision.provision"));
	}

	@Test
	void parseWhenDuplicateProvisionIdsThenRefused() {
		String json = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"provision\": "
				+ "[{\"id\": \"a\", \"type\": \"deny\"}, {\"id\": \"a\", \"type\": \"permit\"}]}}";
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> MAPPER.parse(json, NHS, 100, 50))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Consent.provision.provision[1].id"));
	}

	@Test
	void parseWhenInactiveOrUnknownElementThenRefused() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> MAPPER.parse("{\"resourceType\": \"Consent\", \"status\": \"inactive\"}", NHS, 100, 50))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Consent.status"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> MAPPER
				.parse("{\"resourceType\": \"Consent\", \"status\": \"active\", \"colour\": \"blue\"}", NHS, 100, 50))
			.satisfies((ex) -> assertThat(ex.field()).isEqualTo("Consent"));
	}

	@Test
	void parseWhenOrganisationActorWithoutOdsIdentifierThenRefused() {
		String json = "{\"resourceType\": \"Consent\", \"status\": \"active\", \"provision\": {\"provision\": [{"
				+ "\"type\": \"deny\", \"actor\": [{\"role\": {\"coding\": [{\"system\": \""
				+ FhirConsentMapper.PARTICIPATION_SYSTEM + "\", \"code\": \"IRCP\"}]}, "
				+ "\"reference\": {\"reference\": \"Organization/123\"}}]}]}}";
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> MAPPER.parse(json, NHS, 100, 50))
			.satisfies((ex) -> assertThat(ex.field())
				.isEqualTo("Consent.provision.provision[0].actor[0].reference.identifier"));
	}

}
