package care.concord.policy.citizen;

import static care.concord.policy.TestFixtures.directive;
import static care.concord.policy.TestFixtures.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.policy.request.AccessRequest;
import care.concord.policy.request.Category;
import care.concord.policy.request.InvalidRequestException;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;

class DirectiveTests {

	private final AccessRequest request = request().build();

	@Test
	void matchesWhenNoScopeThenMatchesAnyRequest() {
		assertThat(directive("d1", "deny").build().matches(this.request)).isTrue();
	}

	@Test
	void matchesWhenEveryNonEmptyScopeContainsValueThenTrue() {
		Directive directive = directive("d1", "deny").organisations("X1", "A81001")
			.orgTypes(OrgType.PHARMACY, OrgType.GP)
			.roles("nurse", "clinician")
			.categories(Category.SUMMARY)
			.purposes(Purpose.DIRECT_CARE)
			.build();

		assertThat(directive.matches(this.request)).isTrue();
	}

	@Test
	void matchesWhenAnyScopeMissesValueThenFalse() {
		assertThat(directive("d1", "deny").organisations("RR8").build().matches(this.request)).isFalse();
		assertThat(directive("d1", "deny").orgTypes(OrgType.PHARMACY).build().matches(this.request)).isFalse();
		assertThat(directive("d1", "deny").roles("nurse").build().matches(this.request)).isFalse();
		assertThat(directive("d1", "deny").categories(Category.GENOMIC).build().matches(this.request)).isFalse();
		assertThat(directive("d1", "deny").purposes(Purpose.RESEARCH).build().matches(this.request)).isFalse();
	}

	@Test
	void matchesWhenRevokedThenFalse() {
		assertThat(directive("d1", "deny").status("revoked").build().matches(this.request)).isFalse();
	}

	@Test
	void matchesWhenRequestAtStartThenTrueAndAtEndThenFalse() {
		Instant at = this.request.at();
		Directive startsNow = directive("d1", "deny").start(at).end(at.plusSeconds(1)).build();
		Directive endsNow = directive("d2", "deny").start(at.minusSeconds(60)).end(at).build();

		assertThat(startsNow.matches(this.request)).isTrue();
		assertThat(endsNow.matches(this.request)).isFalse();
		assertThat(directive("d3", "deny").start(at.plusNanos(1)).build().matches(this.request)).isFalse();
	}

	@Test
	void specificityWhenScopesSetThenOrganisationsCountTwoOthersOne() {
		assertThat(directive("d1", "deny").build().specificity()).isZero();
		assertThat(directive("d1", "deny").organisations("A81001").build().specificity()).isEqualTo(2);
		assertThat(directive("d1", "deny").orgTypes(OrgType.GP).build().specificity()).isEqualTo(1);
		assertThat(directive("d1", "deny").organisations("A")
			.orgTypes(OrgType.GP)
			.roles("nurse")
			.categories(Category.SUMMARY)
			.purposes(Purpose.RESEARCH)
			.build()
			.specificity()).isEqualTo(6);
	}

	@Test
	void buildWhenEndNotAfterStartThenThrows() {
		Instant at = Instant.parse("2026-01-01T00:00:00Z");

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").start(at).end(at).build())
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("end"));
	}

	@Test
	void buildWhenVocabularyUnknownThenThrowsNamingScopeList() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").categoryCodes(List.of("summary", "x")))
			.satisfies(ex -> assertThat(ex.getMessage()).isEqualTo("categories: unknown data category 'x'"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").orgTypeCodes(List.of("dentist")))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("org_types"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").purposeCodes(List.of("TREAT")))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("purposes"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").roles("Nurse"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("roles"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> directive("d1", "maybe"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("effect"));
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> directive("d1", "deny").status("paused"))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("status"));
	}

	@Test
	void buildWhenIdOrEffectMissingThenThrows() {
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> Directive.builder().effect("deny").build())
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("id"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Directive.builder().id("d1").build())
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("effect"));
	}

	@Test
	void toBuilderWhenBuiltAgainThenEqual() {
		Directive directive = directive("d1", "permit").organisations("A81001")
			.categories(Category.GENOMIC)
			.start(Instant.parse("2026-01-01T00:00:00Z"))
			.build();

		assertThat(directive.toBuilder().build()).isEqualTo(directive).hasSameHashCodeAs(directive);
		assertThat(directive.toBuilder().status("revoked").build()).isNotEqualTo(directive);
	}

	@Test
	void scopesWhenReadThenUnmodifiable() {
		Directive directive = directive("d1", "permit").organisations("A81001").build();

		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> directive.organisations().add("RR8"));
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> directive.categories().add(Category.GENOMIC));
	}

}
