package care.concord.server.audit;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditRecord}: what its hash covers and how its values are stored.
 */
class AuditRecordTests {

	private static final Instant AT = Instant.parse("2026-11-25T10:00:00.123456Z");

	@Test
	void chainWhenEventGivenThenHashMatchesAndLinksPreviousHash() {
		String previous = AuditHashing.hash(List.of("previous"));

		AuditRecord record = AuditRecord.chain(7, AT, TestAuditEvents.breakGlass().build(), "{\"a\":\"b\"}", previous);

		assertThat(record.sequence()).isEqualTo(7);
		assertThat(record.previousHash()).isEqualTo(previous);
		assertThat(record.hashMatches()).isTrue();
		assertThat(record.eventType()).isEqualTo("DECISION");
		assertThat(record.decision()).isEqualTo("permit");
		assertThat(record.subjectNhsNumber()).isEqualTo("9434765870");
		assertThat(record.actorAgency()).isEqualTo("RX9");
		assertThat(record.actorUsername()).isEqualTo("para.smith");
		assertThat(record.obligations()).containsExactly("notify-subject", "review");
	}

	@Test
	void computeHashWhenAnyComponentButTheHashChangesThenHashChanges() throws Exception {
		AuditRecord record = AuditRecord.chain(3, AT, TestAuditEvents.decision().build(), "{}",
				AuditHashing.GENESIS_HASH);
		RecordComponent[] components = AuditRecord.class.getRecordComponents();
		Constructor<AuditRecord> constructor = AuditRecord.class
			.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));

		for (int i = 0; i < components.length; i++) {
			if (components[i].getName().equals("hash")) {
				continue;
			}
			Object[] values = new Object[components.length];
			for (int j = 0; j < components.length; j++) {
				values[j] = components[j].getAccessor().invoke(record);
			}
			values[i] = changed(values[i], components[i].getType());
			AuditRecord tampered = constructor.newInstance(values);

			assertThat(tampered.computeHash()).as("hash covers %s", components[i].getName())
				.isNotEqualTo(record.hash());
		}
	}

	@Test
	void canonicalFieldsWhenRecordedAtHasMicrosecondsThenIsoInstantInUtc() {
		AuditRecord record = AuditRecord.chain(1, AT, TestAuditEvents.decision().build(), null,
				AuditHashing.GENESIS_HASH);

		assertThat(record.canonicalFields().get(1)).isEqualTo("2026-11-25T10:00:00.123456Z");
		assertThat(record.canonicalFields()).hasSize(23).last().isEqualTo(AuditHashing.GENESIS_HASH);
	}

	@Test
	void splitObligationsWhenStoredValueGivenThenJoinGivesItBack() {
		for (String stored : Arrays.asList(null, "", "review", "notify-subject,review", ",x,")) {
			assertThat(AuditRecord.joinObligations(AuditRecord.splitObligations(stored))).isEqualTo(stored);
		}
		assertThat(AuditRecord.splitObligations(null)).isEmpty();
	}

	private static Object changed(Object value, Class<?> type) {
		if (type == long.class) {
			return (Long) value + 1;
		}
		if (type == boolean.class) {
			return !(Boolean) value;
		}
		if (type == Instant.class) {
			return ((Instant) value).plusNanos(1000);
		}
		if (type == List.class) {
			List<Object> list = new ArrayList<>((List<?>) value);
			list.add("extra");
			return list;
		}
		return (value == null) ? "x" : value + "x";
	}

}
