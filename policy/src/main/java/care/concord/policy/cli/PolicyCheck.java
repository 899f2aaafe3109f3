package care.concord.policy.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import care.concord.policy.decision.ConsentDecisionEngine;
import care.concord.policy.decision.DecisionEngine;
import care.concord.policy.json.CaseFile;
import care.concord.policy.json.CaseFileException;
import care.concord.policy.json.CaseOutcome;
import care.concord.policy.json.ConsentCase;

/**
 * The command that runs any file of worked consent cases (consent-decisions.md "Case file
 * form") against the decision engine: {@code policy-check FILE}. It prints each failing
 * case with what was expected and what came out, then {@code N passed, M failed}.
 *
 * <p>
 * Exit status: 0 when every case passed, 1 when any failed, 2 for wrong usage or a file
 * that cannot be read or is not a case file.
 */
public final class PolicyCheck {

	/** Exit status when every case passed. */
	public static final int ALL_PASSED = 0;

	/** Exit status when at least one case failed. */
	public static final int SOME_FAILED = 1;

	/** Exit status for wrong usage or an unreadable or malformed file. */
	public static final int BAD_INPUT = 2;

	private final DecisionEngine engine;

	public PolicyCheck(DecisionEngine engine) {
		this.engine = engine;
	}

	public static void main(String[] args) {
		System.exit(new PolicyCheck(new ConsentDecisionEngine()).run(args, System.out, System.err));
	}

	/**
	 * Runs the command.
	 * @param args exactly one argument, the case file
	 * @return the exit status
	 */
	public int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length != 1) {
			err.println("usage: policy-check FILE");
			return BAD_INPUT;
		}
		List<ConsentCase> cases;
		try {
			cases = CaseFile.read(Path.of(args[0]));
		}
		catch (CaseFileException | java.nio.file.InvalidPathException ex) {
			err.println("policy-check: " + args[0] + ": " + ex.getMessage());
			return BAD_INPUT;
		}
		int passed = 0;
		int failed = 0;
		for (ConsentCase consentCase : cases) {
			CaseOutcome actual = consentCase.run(this.engine);
			if (consentCase.expected().isMetBy(actual)) {
				passed++;
			}
			else {
				failed++;
				out.println("FAIL " + consentCase.name());
				out.println("  expected: " + consentCase.expected());
				out.println("  got:      " + actual);
			}
		}
		out.println(passed + " passed, " + failed + " failed");
		return (failed == 0) ? ALL_PASSED : SOME_FAILED;
	}

}
