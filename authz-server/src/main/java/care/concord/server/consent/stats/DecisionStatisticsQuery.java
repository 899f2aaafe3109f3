package care.concord.server.consent.stats;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import care.concord.server.consent.stats.DecisionStatistics.BreakGlassCounts;
import care.concord.server.consent.stats.DecisionStatistics.IdentityReviews;
import care.concord.server.consent.stats.DecisionStatistics.OutcomeCounts;
import care.concord.server.consent.stats.DecisionStatistics.ReasonCount;
import care.concord.server.consent.stats.DecisionStatistics.TimeBucket;
import care.concord.policy.request.InvalidRequestException;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Works out {@link DecisionStatistics} with aggregate SQL over the audit log
 * ({@code DECISION} and {@code INVALID_REQUEST} records), the break-glass reviews and,
 * when the identity feature is deployed, its review queue. Buckets are computed in the
 * database ({@code FLOOR(EXTRACT(EPOCH FROM recorded_at) / width)}, the same on H2 and
 * PostgreSQL), so the cost does not depend on the number of records read into memory.
 */
public final class DecisionStatisticsQuery {

	private static final String DECISIONS = " FROM audit_record WHERE event_type IN ('DECISION', 'INVALID_REQUEST') "
			+ "AND recorded_at >= ? AND recorded_at < ?";

	/** Most agencies listed. */
	static final int MAX_AGENCIES = 100;

	private final JdbcTemplate jdbc;

	public DecisionStatisticsQuery(JdbcTemplate jdbc) {
		this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
	}

	/**
	 * The statistics of {@code [from, to)} in buckets of the given width.
	 * @throws InvalidRequestException (400) when {@code from} is not before {@code to} or
	 * the period spans too many buckets
	 */
	public DecisionStatistics statistics(Instant from, Instant to, StatsBucket bucket) {
		if (!from.isBefore(to)) {
			throw new InvalidRequestException("from", "from must be before to");
		}
		long seconds = bucket.width().toSeconds();
		long first = Math.floorDiv(from.getEpochSecond(), seconds);
		long last = Math.floorDiv(to.getEpochSecond() - 1, seconds);
		if (last - first + 1 > bucket.maxBuckets()) {
			throw new InvalidRequestException("to",
					"the period spans more than " + bucket.maxBuckets() + " " + bucket.code() + " buckets");
		}
		OffsetDateTime start = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
		OffsetDateTime end = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);

		Map<Long, Map<String, Long>> outcomesPerBucket = new HashMap<>();
		Map<Long, Map<String, Long>> reasonsPerBucket = new HashMap<>();
		Map<String, Long> byOutcome = new TreeMap<>();
		Map<String, ReasonCount> byReason = new LinkedHashMap<>();
		// The bucket width is a constant of the enum, never user input.
		this.jdbc.query("SELECT b, decision, reason_code, count(*) AS n FROM (SELECT FLOOR(EXTRACT(EPOCH FROM "
				+ "recorded_at) / " + seconds + ") AS b, decision, reason_code" + DECISIONS
				+ ") t GROUP BY b, decision, reason_code", (rs) -> {
					long b = rs.getLong("b");
					String outcome = String.valueOf(rs.getString("decision"));
					String reason = String.valueOf(rs.getString("reason_code"));
					long n = rs.getLong("n");
					outcomesPerBucket.computeIfAbsent(b, (k) -> new TreeMap<>()).merge(outcome, n, Long::sum);
					reasonsPerBucket.computeIfAbsent(b, (k) -> new TreeMap<>()).merge(reason, n, Long::sum);
					byOutcome.merge(outcome, n, Long::sum);
					byReason.merge(outcome + "|" + reason, new ReasonCount(outcome, reason, n),
							(a, c) -> new ReasonCount(a.outcome(), a.reason(), a.count() + c.count()));
				}, start, end);
		List<TimeBucket> timeline = new ArrayList<>();
		for (long b = first; b <= last; b++) {
			Map<String, Long> outcomes = outcomesPerBucket.getOrDefault(b, Map.of());
			timeline.add(new TimeBucket(Instant.ofEpochSecond(b * seconds),
					outcomes.values().stream().mapToLong(Long::longValue).sum(), outcomes,
					reasonsPerBucket.getOrDefault(b, Map.of())));
		}
		List<ReasonCount> reasons = new ArrayList<>(byReason.values());
		reasons.sort(Comparator.comparingLong(ReasonCount::count)
			.reversed()
			.thenComparing(ReasonCount::outcome)
			.thenComparing(ReasonCount::reason));
		List<OutcomeCounts> byAgency = grouped("actor_agency", start, end);
		List<OutcomeCounts> byPurpose = grouped("purpose", start, end);
		return new DecisionStatistics(from, to, bucket.code(), timeline, byOutcome, reasons,
				byAgency.subList(0, Math.min(byAgency.size(), MAX_AGENCIES)), byPurpose, breakGlass(start, end),
				identityReviews());
	}

	private List<OutcomeCounts> grouped(String column, OffsetDateTime start, OffsetDateTime end) {
		Map<String, long[]> counts = new LinkedHashMap<>();
		// column is one of two constants above, never user input.
		this.jdbc.query("SELECT " + column + " AS k, decision, count(*) AS n" + DECISIONS + " GROUP BY " + column
				+ ", decision", (rs) -> {
					String key = rs.getString("k");
					long[] c = counts.computeIfAbsent(key, (k) -> new long[3]);
					String outcome = rs.getString("decision");
					int index = "permit".equals(outcome) ? 0 : "deny".equals(outcome) ? 1 : 2;
					c[index] += rs.getLong("n");
				}, start, end);
		List<OutcomeCounts> result = new ArrayList<>();
		counts.forEach((key, c) -> result.add(new OutcomeCounts(key, c[0] + c[1] + c[2], c[0], c[1], c[2])));
		result.sort(Comparator.comparingLong(OutcomeCounts::total)
			.reversed()
			.thenComparing(OutcomeCounts::key, Comparator.nullsLast(Comparator.naturalOrder())));
		return result;
	}

	private BreakGlassCounts breakGlass(OffsetDateTime start, OffsetDateTime end) {
		long[] c = new long[5];
		this.jdbc.query("SELECT a.decision, r.justified, count(*) AS n FROM audit_record a "
				+ "LEFT JOIN consent_break_glass_review r ON r.audit_seq = a.seq "
				+ "WHERE a.event_type = 'DECISION' AND a.break_glass = TRUE AND a.recorded_at >= ? AND a.recorded_at < ? "
				+ "GROUP BY a.decision, r.justified", (rs) -> {
					long n = rs.getLong("n");
					boolean permit = "permit".equals(rs.getString("decision"));
					boolean justified = rs.getBoolean("justified");
					boolean reviewed = !rs.wasNull();
					c[permit ? 0 : 1] += n;
					if (permit && !reviewed) {
						c[2] += n;
					}
					else if (reviewed) {
						c[justified ? 3 : 4] += n;
					}
				}, start, end);
		return new BreakGlassCounts(c[0] + c[1], c[0], c[1], c[2], c[3], c[4]);
	}

	/**
	 * The identity feature's pending reviews, when its table exists (V10,
	 * {@code identity_review}).
	 */
	private IdentityReviews identityReviews() {
		Long tables = this.jdbc.queryForObject(
				"SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = 'identity_review'",
				Long.class);
		if (tables == null || tables == 0) {
			return new IdentityReviews(false, 0);
		}
		Long pending = this.jdbc.queryForObject("SELECT count(*) FROM identity_review WHERE status = 'pending'",
				Long.class);
		return new IdentityReviews(true, (pending != null) ? pending : 0);
	}

}
