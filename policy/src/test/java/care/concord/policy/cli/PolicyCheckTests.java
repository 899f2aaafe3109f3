package care.concord.policy.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.json.CaseFile;

class PolicyCheckTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return new PolicyCheck(new ConsentDecisionEngine()).run(args,
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String sharedCases() throws IOException {
		try (InputStream in = getClass().getResourceAsStream("/consent-cases.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	@Test
	void runWhenEveryCasePassesThenSummaryOnlyAndExitZero() throws IOException {
		Path file = Files.writeString(this.dir.resolve("cases.json"), sharedCases());

		int status = run(file.toString());

		int cases = CaseFile.parse(sharedCases()).size();
		assertThat(status).isEqualTo(PolicyCheck.ALL_PASSED);
		assertThat(out()).isEqualTo(cases + " passed, 0 failed" + System.lineSeparator());
	}

	@Test
	void runWhenExpectationWrongThenPrintsFailureAndExitOne() throws IOException {
		String wrong = sharedCases().replaceFirst(
				"(\"name\": \"hospital without a care relationship is refused\"[\\s\\S]*?\"reason\": )\"no-legitimate-relationship\"",
				"$1\"implied-consent\"");
		wrong = wrong.replaceFirst(
				"(\"name\": \"hospital without a care relationship is refused\"[\\s\\S]*?\"decision\": )\"deny\"",
				"$1\"permit\"");
		Path file = Files.writeString(this.dir.resolve("wrong.json"), wrong);

		int status = run(file.toString());

		assertThat(status).isEqualTo(PolicyCheck.SOME_FAILED);
		String[] lines = out().split("\\R");
		assertThat(lines).containsExactly("FAIL hospital without a care relationship is refused",
				"  expected: {\"decision\": \"permit\", \"reason\": \"implied-consent\", \"obligations\": []}",
				"  got:      {\"decision\": \"deny\", \"reason\": \"no-legitimate-relationship\", \"obligations\": []}",
				(CaseFile.parse(wrong).size() - 1) + " passed, 1 failed");
	}

	@Test
	void runWhenErrorExpectedButDecisionMadeThenFailureShowsError() throws IOException {
		String wrong = sharedCases().replace("\"purpose\": \"marketing\"", "\"purpose\": \"direct-care\"");
		Path file = Files.writeString(this.dir.resolve("wrong.json"), wrong);

		assertThat(run(file.toString())).isEqualTo(PolicyCheck.SOME_FAILED);
		assertThat(out()).contains("FAIL unknown purpose is an invalid request",
				"  expected: {\"error\": \"invalid-request\"}",
				(CaseFile.parse(wrong).size() - 1) + " passed, 1 failed");
	}

	@Test
	void runWhenFileMalformedThenClearErrorAndExitTwo() throws IOException {
		Path file = Files.writeString(this.dir.resolve("broken.json"), "{\"cases\": [");

		assertThat(run(file.toString())).isEqualTo(PolicyCheck.BAD_INPUT);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith("policy-check: " + file + ": malformed JSON");
		assertThat(out()).isEmpty();
	}

	@Test
	void runWhenFileUnreadableThenClearErrorAndExitTwo() {
		Path missing = this.dir.resolve("missing.json");

		assertThat(run(missing.toString())).isEqualTo(PolicyCheck.BAD_INPUT);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("cannot read");
	}

	@Test
	void runWhenNoArgumentThenUsageAndExitTwo() {
		assertThat(run()).isEqualTo(PolicyCheck.BAD_INPUT);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage: policy-check FILE");
	}

}
