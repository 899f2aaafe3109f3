package care.concord.policy.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CategoryTests {

	@ParameterizedTest
	@EnumSource(Category.class)
	void fromCodeWhenGivenOwnCodeThenReturnsSameCategory(Category category) {
		assertThat(Category.fromCode(category.code())).isSameAs(category);
	}

	@Test
	void requiresExplicitConsentWhenCheckedThenOnlyTheSpecSensitiveCategories() {
		assertThat(EnumSet.allOf(Category.class).stream().filter(Category::requiresExplicitConsent))
			.extracting(Category::code)
			.containsExactly("mental-health", "sexual-health", "substance-misuse", "genomic", "wearable");
		assertThat(EnumSet.allOf(Category.class).stream().filter(c -> !c.requiresExplicitConsent()))
			.extracting(Category::code)
			.containsExactly("summary", "medications", "allergies", "test-results", "care-plan", "social-care-record",
					"record-location");
	}

	@Test
	void fromCodeWhenCaseDiffersThenThrowsInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Category.fromCode("Summary"))
			.withMessage("category: unknown data category 'Summary'");
	}

}
