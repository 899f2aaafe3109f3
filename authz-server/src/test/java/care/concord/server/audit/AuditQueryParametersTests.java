package care.concord.server.audit;

import java.time.Instant;

import care.concord.policy.request.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link AuditQueryParameters}: parameters to query, bad input to a validation
 * problem naming the parameter.
 */
class AuditQueryParametersTests {

	@Test
	void parseWhenAllGivenThenQueryHoldsThem() {
		AuditQuery query = AuditQueryParameters.parse("943 476 5919", "A81001", "RRP", "2026-11-25T10:00:00Z",
				"2026-11-26T10:00:00+01:00", "Deny", "directive-deny", "TRUE", "break-glass-review");

		assertThat(query).isEqualTo(new AuditQuery(TestAuditEvents.SUBJECT, "A81001", "RRP",
				Instant.parse("2026-11-25T10:00:00Z"), Instant.parse("2026-11-26T09:00:00Z"), AuditOutcome.DENY,
				"directive-deny", true, AuditEventType.BREAK_GLASS_REVIEW));
	}

	@Test
	void toParametersWhenParsedBackThenSameQuery() {
		AuditQuery query = AuditQueryParameters.parse("9434765919", "A81001", "RRP", "2026-11-25", "2026-11-26",
				"error", "invalid-request", "false", "INVALID_REQUEST");
		var parameters = query.toParameters();

		AuditQuery again = AuditQueryParameters.parse(parameters.get("subject"), parameters.get("agency"),
				parameters.get("holder"), parameters.get("from"), parameters.get("to"), parameters.get("decision"),
				parameters.get("reason"), parameters.get("breakGlass"), parameters.get("eventType"));

		assertThat(again).isEqualTo(query);
		assertThat(parameters).containsEntry("from", "2026-11-25T00:00:00Z").containsEntry("decision", "error");
		assertThat(AuditQuery.ALL.toParameters()).isEmpty();
	}

	@Test
	void parseWhenNothingGivenThenMatchesAll() {
		assertThat(AuditQueryParameters.parse(null, "", " ", null, null, null, null, null, null))
			.isEqualTo(AuditQuery.ALL);
	}

	@Test
	void parseWhenDatesGivenThenWholeDaysInUkTime() {
		// 1 July is in British Summer Time (UTC+1)
		AuditQuery query = AuditQueryParameters.parse(null, null, null, "2026-07-01", "2026-07-01", null, null, null,
				null);

		assertThat(query.from()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
		assertThat(query.to()).isEqualTo(Instant.parse("2026-07-01T23:00:00Z"));
	}

	@Test
	void parseWhenValueInvalidThenValidationProblemNamingParameter() {
		assertInvalid("subject",
				() -> AuditQueryParameters.parse("9434765918", null, null, null, null, null, null, null, null));
		assertInvalid("agency",
				() -> AuditQueryParameters.parse(null, "A81001;drop", null, null, null, null, null, null, null));
		assertInvalid("from",
				() -> AuditQueryParameters.parse(null, null, null, "yesterday", null, null, null, null, null));
		assertInvalid("to", () -> AuditQueryParameters.parse(null, null, null, "2026-11-26", "2026-11-25T00:00:00Z",
				null, null, null, null));
		assertInvalid("decision",
				() -> AuditQueryParameters.parse(null, null, null, null, null, "maybe", null, null, null));
		assertInvalid("reason",
				() -> AuditQueryParameters.parse(null, null, null, null, null, null, "Bad Reason", null, null));
		assertInvalid("breakGlass",
				() -> AuditQueryParameters.parse(null, null, null, null, null, null, null, "yes", null));
		assertInvalid("eventType",
				() -> AuditQueryParameters.parse(null, null, null, null, null, null, null, null, "LOGIN"));
	}

	private static void assertInvalid(String field, Runnable parse) {
		assertThatExceptionOfType(InvalidRequestException.class).isThrownBy(parse::run).satisfies((ex) -> {
			assertThat(ex.field()).isEqualTo(field);
			assertThat(ex.getMessage()).startsWith(field + ": ");
		});
	}

}
