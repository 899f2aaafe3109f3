package care.concord.policy.request;

import static care.concord.policy.TestFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import care.concord.policy.TestFixtures;

class AccessRequestTests {

	@Test
	void buildWhenAllFieldsValidThenHoldsParsedValues() {
		AccessRequest request = request().breakGlassReason("unconscious patient").build();

		assertThat(request.requester()).isEqualTo(new Requester("A81001", OrgType.GP, "clinician"));
		assertThat(request.subject().value()).isEqualTo(TestFixtures.NHS_NUMBER);
		assertThat(request.holder()).isEqualTo("RR8");
		assertThat(request.category()).isEqualTo(Category.SUMMARY);
		assertThat(request.purpose()).isEqualTo(Purpose.DIRECT_CARE);
		assertThat(request.relationship()).isTrue();
		assertThat(request.at()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
		assertThat(request.breakGlassReason()).isEqualTo("unconscious patient");
		assertThat(request.isBreakGlass()).isTrue();
	}

	@Test
	void buildWhenSubjectIn334FormThenNormalised() {
		assertThat(request().subject("943 476 5919").build().subject().value()).isEqualTo("9434765919");
		assertThat(request().subject("943-476-5919").build().subject().value()).isEqualTo("9434765919");
	}

	@Test
	void buildWhenBreakGlassReasonBlankThenKeptForLayerThree() {
		AccessRequest request = request().breakGlassReason("  ").build();

		assertThat(request.isBreakGlass()).isTrue();
		assertThat(request.breakGlassReason()).isEqualTo("  ");
	}

	@Test
	void buildWhenRelationshipGivenAsTextThenParsed() {
		assertThat(request().relationship("false").build().relationship()).isFalse();
	}

	static Stream<Arguments> invalidFields() {
		return Stream.of(invalid("request.requester.organisation", b -> b.organisation(null), "missing"),
				invalid("request.requester.organisation", b -> b.organisation("A 81001"), "letters, digits"),
				invalid("request.requester.org_type", b -> b.orgType("dentist"), "unknown organisation type 'dentist'"),
				invalid("request.requester.org_type", b -> b.orgType(null), "missing"),
				invalid("request.requester.role", b -> b.role("Clinician"), "lower-case"),
				invalid("request.requester.role", b -> b.role("a".repeat(41)), "1 to 40"),
				invalid("request.subject", b -> b.subject("9434765918"), "Modulus 11"),
				invalid("request.subject", b -> b.subject(null), "missing"),
				invalid("request.holder", b -> b.holder(""), "missing"),
				invalid("request.category", b -> b.category("x"), "unknown data category 'x'"),
				invalid("request.purpose", b -> b.purpose("marketing"), "unknown purpose of use 'marketing'"),
				invalid("request.purpose", b -> b.purpose("TREAT"), "unknown purpose of use"),
				invalid("request.relationship", b -> b.relationship("yes"), "not true or false"),
				invalid("request.relationship", b -> b.relationship((String) null), "missing"),
				invalid("request.at", b -> b.at("25/11/2026"), "ISO-8601"),
				invalid("request.at", b -> b.at((String) null), "missing"),
				invalid("request.break_glass_reason", b -> b.breakGlassReason("x".repeat(1001)), "longer than"));
	}

	private static Arguments invalid(String field, UnaryOperator<AccessRequest.Builder> change, String message) {
		return Arguments.of(field, change, message);
	}

	@ParameterizedTest(name = "{0}: {2}")
	@MethodSource("invalidFields")
	void buildWhenFieldInvalidThenThrowsNamingField(String field, UnaryOperator<AccessRequest.Builder> change,
			String message) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> change.apply(request()).build())
			.satisfies(ex -> {
				assertThat(ex.field()).isEqualTo(field);
				assertThat(ex.getMessage()).startsWith(field + ": ").contains(message);
			});
	}

	@Test
	void buildWhenCategoryUnknownThenMessageMatchesSpecExample() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> request().category("x").build())
			.withMessage("request.category: unknown data category 'x'");
	}

	@Test
	void constructorWhenFieldNullThenThrowsNamingField() {
		AccessRequest valid = request().build();

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> new AccessRequest(valid.requester(), valid.subject(), valid.holder(), null,
					valid.purpose(), true, valid.at(), null))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("request.category"));
	}

	@Test
	void buildWhenErrorMessageEchoesControlCharactersThenTheyAreReplaced() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> request().role("nurse\nFORGED").build())
			.satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n").contains("nurse?FORGED"));
	}

}
