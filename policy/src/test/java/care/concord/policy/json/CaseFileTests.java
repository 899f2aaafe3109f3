package care.concord.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.Effect;
import care.concord.policy.decision.Obligation;
import care.concord.policy.decision.Reason;

class CaseFileTests {

	private static final String CITIZEN = "{\"nhs_number\": \"9434765919\", \"national_opt_out\": false,"
			+ " \"directives\": [{\"id\": \"d1\", \"effect\": \"deny\", \"status\": \"active\","
			+ " \"categories\": [\"mental-health\"], \"created_at\": \"2026-03-03T10:00:00Z\"}]}";

	private static final String REQUEST = "{\"requester\": {\"organisation\": \"A81001\", \"org_type\": \"gp\","
			+ " \"role\": \"clinician\"}, \"subject\": \"9434765919\", \"holder\": \"RRP\", \"category\":"
			+ " \"mental-health\", \"purpose\": \"direct-care\", \"relationship\": true, \"at\":"
			+ " \"2026-11-25T10:00:00Z\", \"break_glass_reason\": null}";

	private final ConsentDecisionEngine engine = new ConsentDecisionEngine();

	static String file(String citizen, String request, String expect) {
		return "{\"cases\": [{\"name\": \"c\", \"citizen\": " + citizen + ", \"request\": " + request + ", \"expect\": "
				+ expect + "}]}";
	}

	@Test
	void parseWhenSpecExampleThenExpectationAndOutcomeMatch() {
		List<ConsentCase> cases = CaseFile.parse(file(CITIZEN, REQUEST, "{\"decision\": \"deny\", \"reason\":"
				+ " \"directive-deny\", \"directive\": \"d1\", \"obligations\": []}"));

		CaseOutcome expected = cases.get(0).expected();
		CaseOutcome actual = cases.get(0).run(this.engine);
		assertThat(expected.effect()).isEqualTo(Effect.DENY);
		assertThat(expected.reason()).isEqualTo(Reason.DIRECTIVE_DENY);
		assertThat(expected.isMetBy(actual)).isTrue();
		assertThat(actual).hasToString(
				"{\"decision\": \"deny\", \"reason\": \"directive-deny\", \"obligations\": [], \"directive\": \"d1\"}");
	}

	@Test
	void isMetByWhenDirectiveOrObligationsDifferThenFalse() {
		CaseOutcome actual = CaseFile.parse(file(CITIZEN, REQUEST, "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(new CaseOutcome(null, Effect.DENY, Reason.DIRECTIVE_DENY, java.util.Set.of(), "d2", null)
			.isMetBy(actual)).isFalse();
		assertThat(new CaseOutcome(null, Effect.DENY, Reason.DIRECTIVE_DENY, java.util.Set.of(Obligation.REVIEW), "d1",
				null)
			.isMetBy(actual)).isFalse();
		assertThat(CaseOutcome.invalidRequest(null).isMetBy(actual)).isFalse();
	}

	@Test
	void runWhenRequestFieldHasWrongJsonTypeThenInvalidRequestNamingField() {
		String request = REQUEST.replace("\"relationship\": true", "\"relationship\": \"true\"");

		CaseOutcome actual = CaseFile.parse(file(CITIZEN, request, "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(actual.isError()).isTrue();
		assertThat(actual.detail()).isEqualTo("request.relationship: must be true or false");
	}

	@Test
	void runWhenDirectiveVocabularyUnknownThenInvalidRequestNamingDirective() {
		String citizen = CITIZEN.replace("\"mental-health\"]", "\"x\"]");

		CaseOutcome actual = CaseFile.parse(file(citizen, REQUEST, "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(actual.detail()).isEqualTo("citizen.directives[0].categories: unknown data category 'x'");
	}

	@Test
	void runWhenDirectiveNotAnObjectThenInvalidRequestNamingIt() {
		String citizen = "{\"nhs_number\": \"9434765919\", \"national_opt_out\": false, \"directives\": [\"d1\"]}";

		CaseOutcome actual = CaseFile.parse(file(citizen, REQUEST, "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(actual.detail()).isEqualTo("citizen.directives[0]: must be an object");
	}

	@Test
	void runWhenCitizenOptOutMissingThenInvalidRequest() {
		String citizen = "{\"nhs_number\": \"9434765919\"}";

		CaseOutcome actual = CaseFile.parse(file(citizen, REQUEST, "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(actual.detail()).isEqualTo("citizen.national_opt_out: value is missing");
	}

	@Test
	void runWhenRequestMissingThenInvalidRequest() {
		CaseOutcome actual = CaseFile.parse(file(CITIZEN, "null", "{\"error\": \"invalid-request\"}"))
			.get(0)
			.run(this.engine);

		assertThat(actual.detail()).isEqualTo("request: object is missing");
	}

	@Test
	void parseWhenNotJsonThenCaseFileException() {
		assertThatExceptionOfType(CaseFileException.class).isThrownBy(() -> CaseFile.parse("{\"cases\": ["))
			.withMessageStartingWith("malformed JSON");
	}

	@Test
	void parseWhenNoCasesArrayThenCaseFileException() {
		assertThatExceptionOfType(CaseFileException.class).isThrownBy(() -> CaseFile.parse("[]"))
			.withMessageContaining("\"cases\" array");
	}

	@Test
	void parseWhenExpectationUnknownThenCaseFileExceptionNamingCase() {
		assertThatExceptionOfType(CaseFileException.class)
			.isThrownBy(() -> CaseFile.parse(file(CITIZEN, REQUEST, "{\"decision\": \"deny\", \"reason\": \"nope\"}")))
			.withMessageContaining("cases[0] (c)")
			.withMessageContaining("unknown reason 'nope'");
		assertThatExceptionOfType(CaseFileException.class)
			.isThrownBy(() -> CaseFile.parse(file(CITIZEN, REQUEST, "{\"error\": \"boom\"}")));
		assertThatExceptionOfType(CaseFileException.class)
			.isThrownBy(() -> CaseFile.parse(file(CITIZEN, REQUEST,
					"{\"decision\": \"deny\", \"reason\": \"directive-deny\", \"obligations\": []}")))
			.withMessageContaining("expect.directive");
	}

	@Test
	void readWhenFileMissingThenCaseFileException() {
		assertThatExceptionOfType(CaseFileException.class)
			.isThrownBy(() -> CaseFile.read(Path.of("no", "such", "file.json")))
			.withMessageStartingWith("cannot read");
	}

}
