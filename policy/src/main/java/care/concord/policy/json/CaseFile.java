package care.concord.policy.json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import care.concord.policy.decision.Effect;
import care.concord.policy.decision.Obligation;
import care.concord.policy.decision.Reason;
import care.concord.policy.request.InvalidRequestException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a file of worked consent cases in the form of consent-decisions.md "Case file
 * form": {@code {"cases": [{"name", "citizen", "request", "expect"}, ...]}}, where
 * {@code expect} is {@code {"error": "invalid-request"}} or {@code {"decision", "reason",
 * "obligations", "directive"?}}.
 */
public final class CaseFile {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private CaseFile() {
	}

	/**
	 * Reads the cases of a file.
	 * @throws CaseFileException when the file cannot be read or is not in the case-file
	 * form
	 */
	public static List<ConsentCase> read(Path file) {
		String text;
		try {
			text = Files.readString(file);
		}
		catch (IOException | RuntimeException ex) {
			throw new CaseFileException("cannot read " + file + ": " + describe(ex), ex);
		}
		return parse(text);
	}

	/**
	 * Reads the cases of a case-file document.
	 * @throws CaseFileException when the text is not JSON in the case-file form
	 */
	public static List<ConsentCase> parse(String json) {
		JsonNode root;
		try {
			root = MAPPER.readTree(json);
		}
		catch (JacksonException ex) {
			throw new CaseFileException("malformed JSON" + where(ex) + ": " + plain(ex.getOriginalMessage()), ex);
		}
		if (root == null || !root.isObject() || !root.path("cases").isArray()) {
			throw new CaseFileException("not a case file: expected an object with a \"cases\" array");
		}
		JsonNode cases = root.path("cases");
		List<ConsentCase> result = new ArrayList<>(cases.size());
		for (int i = 0; i < cases.size(); i++) {
			result.add(readCase(i, cases.get(i)));
		}
		return result;
	}

	private static ConsentCase readCase(int index, JsonNode node) {
		String where = "cases[" + index + "]";
		if (!node.isObject()) {
			throw new CaseFileException(where + ": must be an object");
		}
		JsonNode name = node.path("name");
		if (!name.isString() || name.stringValue().isBlank()) {
			throw new CaseFileException(where + ": \"name\" must be a non-empty string");
		}
		where += " (" + name.stringValue() + ")";
		CaseOutcome expected = expectation(where, node.path("expect"));
		return new ConsentCase(name.stringValue(), node.get("citizen"), node.get("request"), expected);
	}

	private static CaseOutcome expectation(String where, JsonNode expect) {
		if (!expect.isObject()) {
			throw new CaseFileException(where + ": \"expect\" must be an object");
		}
		if (expect.has("error")) {
			if (!CaseOutcome.INVALID_REQUEST.equals(expect.path("error").asString(null))) {
				throw new CaseFileException(where + ": the only expected error is \"invalid-request\"");
			}
			return new CaseOutcome(CaseOutcome.INVALID_REQUEST, null, null, Set.of(), null, null);
		}
		try {
			Effect effect = Effect.fromCode(expect.path("decision").asString(null));
			Reason reason = Reason.fromCode(expect.path("reason").asString(null));
			Set<Obligation> obligations = EnumSet.noneOf(Obligation.class);
			JsonNode list = expect.path("obligations");
			if (!list.isMissingNode() && !list.isArray()) {
				throw new CaseFileException(where + ": \"expect.obligations\" must be an array");
			}
			for (JsonNode item : list) {
				obligations.add(Obligation.fromCode(item.asString(null)));
			}
			String directive = expect.path("directive").asString(null);
			if (reason.namesDirective() && directive == null) {
				throw new CaseFileException(where + ": \"expect.directive\" is required for " + reason.code());
			}
			return new CaseOutcome(null, effect, reason, obligations, directive, null);
		}
		catch (InvalidRequestException ex) {
			throw new CaseFileException(where + ": expect." + ex.getMessage(), ex);
		}
	}

	private static String where(JacksonException ex) {
		var location = ex.getLocation();
		return (location != null && location.getLineNr() > 0)
				? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
	}

	/**
	 * Jackson's message, without the parenthesised source references it appends for
	 * developers.
	 */
	private static String plain(String message) {
		if (message == null) {
			return "unreadable";
		}
		return message.replaceAll("\\s*\\((start marker at )?\\[Source:.*?\\]\\)", "").strip();
	}

	private static String describe(Exception ex) {
		return (ex.getMessage() != null) ? ex.getClass().getSimpleName() + " " + ex.getMessage()
				: ex.getClass().getSimpleName();
	}

}
