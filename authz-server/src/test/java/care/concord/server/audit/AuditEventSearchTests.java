package care.concord.server.audit;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import care.concord.policy.request.InvalidRequestException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How FHIR search parameters of AuditEvent become an audit query: date prefixes and
 * precision, tokens, paging, and strict refusal.
 */
class AuditEventSearchTests {

	private static AuditEventSearch read(String... pairs) {
		Map<String, String[]> parameters = new HashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			String[] before = parameters.get(pairs[i]);
			String[] values = (before == null) ? new String[] { pairs[i + 1] }
					: java.util.stream.Stream
						.concat(java.util.Arrays.stream(before), java.util.stream.Stream.of(pairs[i + 1]))
						.toArray(String[]::new);
			parameters.put(pairs[i], values);
		}
		return AuditEventSearch.read(parameters);
	}

	@Test
	void dateWhenPrefixedThenPeriodOfItsPrecisionInUkTime() {
		AuditQuery day = read("date", "2026-07-01").query();
		// British Summer Time: the day starts at 23:00 UTC the day before
		assertThat(day.from()).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
		assertThat(day.to()).isEqualTo(Instant.parse("2026-07-01T23:00:00Z"));
		AuditQuery range = read("date", "ge2026-01-01", "date", "le2026-01-31").query();
		assertThat(range.from()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(range.to()).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
		AuditQuery open = read("date", "gt2026-01-31T10:00:00Z").query();
		assertThat(open.from()).isEqualTo(Instant.parse("2026-01-31T10:00:01Z"));
		assertThat(open.to()).isNull();
		assertThat(read("date", "lt2026").query().to()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		assertThat(read("date", "eq2026-02").query().to()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
	}

	@Test
	void tokensAndPagingWhenGivenThenQueryAndCursor() {
		AuditEventSearch search = read("patient.identifier", "https://fhir.nhs.uk/Id/nhs-number|9434765919", "type",
				"https://concord.care/fhir/CodeSystem/audit-event-type|consent-change", "subtype", "directive-deny",
				"_count", "500", "_cursor", "41.99", "_format", "json");
		assertThat(search.query().subject().value()).isEqualTo("9434765919");
		assertThat(search.query().eventType()).isEqualTo(AuditEventType.CONSENT_CHANGE);
		assertThat(search.query().reason()).isEqualTo("directive-deny");
		assertThat(search.count()).isEqualTo(AuditSearch.MAX_PAGE_SIZE);
		assertThat(search.position()).isEqualTo(41);
		assertThat(search.oldestFirst()).isFalse();
		assertThat(search.counted()).isTrue();
		assertThat(search.upTo()).isEqualTo(99);
		AuditEventSearch first = read();
		assertThat(first.count()).isEqualTo(AuditSearch.DEFAULT_PAGE_SIZE);
		assertThat(first.position()).isEqualTo(Long.MAX_VALUE);
		assertThat(first.upTo()).isNull();
		assertThat(first.query()).isEqualTo(AuditQuery.ALL);
	}

	@Test
	void sortAndTotalWhenGivenThenOldestFirstFromZeroAndUncountedCarriedIntoNextLinks() {
		AuditEventSearch oldest = read("_sort", "date", "_total", "none");
		assertThat(oldest.oldestFirst()).isTrue();
		assertThat(oldest.position()).isZero();
		assertThat(oldest.counted()).isFalse();
		assertThat(oldest.parameters()).contains(java.util.Map.entry("_sort", "date"),
				java.util.Map.entry("_total", "none"));
		AuditEventSearch newest = read("_sort", "-date", "_total", "accurate");
		assertThat(newest.oldestFirst()).isFalse();
		assertThat(newest.counted()).isTrue();
		assertThat(newest.parameters()).extracting(java.util.Map.Entry::getKey).doesNotContain("_sort", "_total");
		assertThat(read("_total", "estimate").counted()).isTrue();
		assertThatThrownBy(() -> read("_sort", "-_lastUpdated")).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("_sort:");
		assertThatThrownBy(() -> read("_total", "all")).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("_total:");
	}

	@Test
	void parametersWhenUnknownOrInvalidThenRefusedNamingThem() {
		assertThatThrownBy(() -> read("patient", "Patient/1")).isInstanceOf(InvalidRequestException.class)
			.hasMessageContaining("unknown search parameter 'patient'");
		assertThatThrownBy(() -> read("date", "gt9999-12-31")).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("date:");
		assertThatThrownBy(() -> read("date", "2026-01-01,2026-01-02")).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("date:");
		assertThatThrownBy(() -> read("type", "http://example.org|DECISION"))
			.isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("type:");
		assertThatThrownBy(() -> read("_cursor", "1.2.3")).isInstanceOf(InvalidRequestException.class)
			.hasMessageStartingWith("_cursor:");
	}

}
