package care.concord.policy.citizen;

import static care.concord.policy.TestFixtures.directive;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.identity.nhs.NhsNumber;
import care.concord.policy.TestFixtures;
import care.concord.policy.request.InvalidRequestException;

class CitizenTests {

	private final NhsNumber nhsNumber = NhsNumber.parse(TestFixtures.NHS_NUMBER);

	@Test
	void constructorWhenDirectiveIdsRepeatThenThrowsNamingSecond() {
		List<Directive> directives = List.of(directive("d1", "deny").build(), directive("d1", "permit").build());

		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> new Citizen(this.nhsNumber, false, directives))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("citizen.directives[1].id"));
	}

	@Test
	void parseWhenNhsNumberIn334FormThenNormalisedAndWhenInvalidThenThrows() {
		assertThat(Citizen.parse("943 476 5919", true, List.of()).nhsNumber()).isEqualTo(this.nhsNumber);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> Citizen.parse("9434765918", false, List.of()))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("citizen.nhs_number"));
	}

	@Test
	void constructorWhenListChangesLaterThenCitizenUnaffected() {
		List<Directive> directives = new ArrayList<>(List.of(directive("d1", "deny").build()));
		Citizen citizen = new Citizen(this.nhsNumber, false, directives);

		directives.add(directive("d2", "deny").build());

		assertThat(citizen.directives()).hasSize(1);
	}

	@Test
	void constructorWhenNhsNumberOrDirectiveMissingThenThrows() {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(() -> new Citizen(null, false, List.of()))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("citizen.nhs_number"));
		List<Directive> withNull = new ArrayList<>();
		withNull.add(null);
		assertThatExceptionOfType(InvalidRequestException.class)
			.isThrownBy(() -> new Citizen(this.nhsNumber, false, withNull))
			.satisfies(ex -> assertThat(ex.field()).isEqualTo("citizen.directives[0]"));
	}

}
