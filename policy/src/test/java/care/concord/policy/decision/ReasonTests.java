package care.concord.policy.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import care.concord.policy.request.InvalidRequestException;

class ReasonTests {

	@Test
	void codesWhenListedThenAreTheSpecStringsPlusOrganisationPolicy() {
		assertThat(EnumSet.allOf(Reason.class)).extracting(Reason::code)
			.containsExactly("purpose-not-permitted", "own-record", "break-glass-requires-emergency-purpose",
					"break-glass-reason-required", "break-glass", "directive-permit", "directive-deny",
					"national-data-opt-out", "explicit-consent-required", "implied-consent",
					"no-legitimate-relationship", "opt-out-model", "organisation-policy");
	}

	@Test
	void obligationsWhenReadThenOnlyBreakGlassAndOptOutModelHaveAny() {
		assertThat(Reason.BREAK_GLASS.obligations()).containsExactlyInAnyOrder(Obligation.NOTIFY_SUBJECT,
				Obligation.REVIEW);
		assertThat(Reason.OPT_OUT_MODEL.obligations()).containsExactly(Obligation.DEIDENTIFY);
		assertThat(EnumSet.complementOf(EnumSet.of(Reason.BREAK_GLASS, Reason.OPT_OUT_MODEL)))
			.allSatisfy(reason -> assertThat(reason.obligations()).isEmpty());
	}

	@ParameterizedTest
	@EnumSource(Reason.class)
	void fromCodeWhenGivenOwnCodeThenReturnsSameReason(Reason reason) {
		assertThat(Reason.fromCode(reason.code())).isSameAs(reason);
	}

	@Test
	void fromCodeWhenUnknownThenThrowsInvalidRequest() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Reason.fromCode("consent"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Obligation.fromCode("audit"));
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> Effect.fromCode("Permit"));
	}

	@Test
	void obligationsWhenModifiedThenRefused() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> Reason.IMPLIED_CONSENT.obligations().add(Obligation.REVIEW));
	}

}
