package care.concord.policy.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import care.concord.policy.decision.ConsentDecisionEngine;

/**
 * Runs every worked case of the shared spec (consent-decisions.md: "the project's test
 * suite must run every one of them") from the copy in test resources, and checks that the
 * copy has not drifted from the shared file.
 */
class ConsentCasesTests {

	/**
	 * The shared spec beside the repository; tests run with the module directory as
	 * working directory.
	 */
	static final Path SHARED_CASES = Path.of("..", "..", "shared", "spec", "consent-cases.json");

	private static final ConsentDecisionEngine ENGINE = new ConsentDecisionEngine();

	static List<ConsentCase> cases() throws IOException {
		return CaseFile.parse(new String(resourceBytes(), StandardCharsets.UTF_8));
	}

	private static byte[] resourceBytes() throws IOException {
		try (InputStream in = ConsentCasesTests.class.getResourceAsStream("/consent-cases.json")) {
			assertThat(in).as("consent-cases.json on the test classpath").isNotNull();
			return in.readAllBytes();
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void runWhenSharedCaseThenOutcomeAsExpected(ConsentCase consentCase) {
		CaseOutcome actual = consentCase.run(ENGINE);

		assertThat(consentCase.expected().isMetBy(actual)).as("expected %s, got %s", consentCase.expected(), actual)
			.isTrue();
	}

	/**
	 * Cases of the project's own for a holder kind the shared spec does not name: a
	 * citizen's own app or device registered as a source (holder code {@code app-...}).
	 * The same engine decides them; no case of the shared file changes.
	 */
	static List<ConsentCase> personalSourceCases() throws IOException {
		try (InputStream in = ConsentCasesTests.class.getResourceAsStream("/personal-source-cases.json")) {
			assertThat(in).as("personal-source-cases.json on the test classpath").isNotNull();
			return CaseFile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("personalSourceCases")
	void runWhenPersonalSourceCaseThenOutcomeAsExpected(ConsentCase consentCase) {
		runWhenSharedCaseThenOutcomeAsExpected(consentCase);
	}

	@Test
	void casesWhenLoadedThenAllFiftyPresent() throws IOException {
		assertThat(cases()).hasSizeGreaterThanOrEqualTo(50);
	}

	@Test
	void copyWhenSharedSpecPresentThenByteIdentical() throws IOException {
		Path shared = SHARED_CASES.toAbsolutePath().normalize();
		assumeTrue(Files.isReadable(shared),
				() -> "shared spec " + shared + " is absent, so the copy in test resources cannot be compared");

		assertThat(resourceBytes())
			.as("policy/src/test/resources/consent-cases.json must be a byte-identical copy of " + shared
					+ "; copy it again")
			.isEqualTo(Files.readAllBytes(shared));
	}

}
