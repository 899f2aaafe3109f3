package care.concord.server.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import care.concord.policy.decision.Reason;
import care.concord.policy.request.Category;
import care.concord.policy.request.OrgType;
import care.concord.policy.request.Purpose;
import care.concord.server.agency.AgencyScope;
import care.concord.server.audit.AuditEventType;
import care.concord.server.people.PersonRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's {@code js/vocab.js} repeats the codes of the server's closed vocabularies
 * to label them; each list must name exactly the codes of its Java enum, so that a code
 * added or renamed on one side cannot drift.
 */
class ConsoleVocabularyTests {

	private static String vocab;

	@BeforeAll
	static void readVocabulary() throws IOException {
		try (InputStream in = ConsoleVocabularyTests.class.getClassLoader()
			.getResourceAsStream("META-INF/resources/console/js/vocab.js")) {
			assertThat(in).as("admin-console's js/vocab.js on the class path").isNotNull();
			vocab = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	/**
	 * The codes of {@code export const <name> = [...]}: the first string of each row, or
	 * each string of a flat list.
	 */
	static List<String> codes(String name) {
		Matcher list = Pattern.compile("export const " + name + " = \\[(.*?)\\];", Pattern.DOTALL).matcher(vocab);
		assertThat(list.find()).as("vocab.js exports " + name).isTrue();
		String body = list.group(1);
		Pattern item = body.strip().startsWith("[") ? Pattern.compile("\\[\\s*'([^']*)'")
				: Pattern.compile("'([^']*)'");
		List<String> codes = new ArrayList<>();
		Matcher matcher = item.matcher(body);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	static <E extends Enum<E>> List<String> enumCodes(Class<E> type, Function<E, String> code) {
		return Arrays.stream(type.getEnumConstants()).map(code).toList();
	}

	@Test
	void orgTypesWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("ORG_TYPES")).containsExactlyInAnyOrderElementsOf(enumCodes(OrgType.class, OrgType::code));
	}

	@Test
	void categoriesWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("CATEGORIES")).containsExactlyInAnyOrderElementsOf(enumCodes(Category.class, Category::code));
	}

	@Test
	void purposesWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("PURPOSES")).containsExactlyInAnyOrderElementsOf(enumCodes(Purpose.class, Purpose::code));
	}

	@Test
	void reasonsWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("REASONS")).containsExactlyInAnyOrderElementsOf(enumCodes(Reason.class, Reason::code));
	}

	@Test
	void eventTypesWhenListedThenExactlyTheEnumsNames() {
		assertThat(codes("EVENT_TYPES"))
			.containsExactlyInAnyOrderElementsOf(enumCodes(AuditEventType.class, AuditEventType::name));
	}

	@Test
	void personRolesWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("PERSON_ROLES"))
			.containsExactlyInAnyOrderElementsOf(enumCodes(PersonRole.class, PersonRole::code));
	}

	@Test
	void agencyScopesWhenListedThenExactlyTheEnumsCodes() {
		assertThat(codes("AGENCY_SCOPES"))
			.containsExactlyInAnyOrderElementsOf(enumCodes(AgencyScope.class, AgencyScope::code));
	}

}
