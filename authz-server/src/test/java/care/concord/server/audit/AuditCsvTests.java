package care.concord.server.audit;

import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AuditCsv}: RFC 4180 quoting and formula neutralising.
 */
class AuditCsvTests {

	@Test
	void fieldWhenPlainThenUnchanged() {
		assertThat(AuditCsv.field("directive-deny")).isEqualTo("directive-deny");
	}

	@Test
	void fieldWhenNullOrEmptyThenEmpty() {
		assertThat(AuditCsv.field(null)).isEmpty();
		assertThat(AuditCsv.field("")).isEmpty();
	}

	@Test
	void fieldWhenCommaQuoteOrLineBreakThenQuotedWithQuotesDoubled() {
		assertThat(AuditCsv.field("a,b")).isEqualTo("\"a,b\"");
		assertThat(AuditCsv.field("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
		assertThat(AuditCsv.field("line1\nline2")).isEqualTo("\"line1\nline2\"");
		assertThat(AuditCsv.field("cr\rhere")).isEqualTo("\"cr\rhere\"");
	}

	@Test
	void fieldWhenStartsLikeFormulaThenPrefixedWithApostrophe() {
		assertThat(AuditCsv.field("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
		assertThat(AuditCsv.field("+1")).isEqualTo("'+1");
		assertThat(AuditCsv.field("-1")).isEqualTo("'-1");
		assertThat(AuditCsv.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
		assertThat(AuditCsv.field("\tx")).isEqualTo("'\tx");
	}

	@Test
	void writeRecordThenRfc4180ParserReadsBackEveryValue() throws IOException {
		AuditRecord record = AuditRecord.chain(12, Instant.parse("2026-11-25T10:00:00.5Z"),
				TestAuditEvents.breakGlass().detail("k", "v,\"w\"").build(), "{\"k\":\"v,\\\"w\\\"\"}",
				AuditHashing.GENESIS_HASH);
		StringWriter out = new StringWriter();

		AuditCsv.writeHeader(out);
		AuditCsv.writeRecord(out, record);

		List<List<String>> rows = parse(out.toString());
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0)).isEqualTo(AuditCsv.HEADER);
		List<String> row = rows.get(1);
		assertThat(row).hasSize(AuditCsv.HEADER.size());
		assertThat(value(row, "sequence")).isEqualTo("12");
		assertThat(value(row, "recorded_at")).isEqualTo("2026-11-25T10:00:00.500Z");
		assertThat(value(row, "break_glass_reason")).isEqualTo(record.breakGlassReason());
		assertThat(value(row, "obligations")).isEqualTo("notify-subject review");
		assertThat(value(row, "details")).isEqualTo(record.details());
		assertThat(value(row, "on_behalf_of")).isEmpty();
		assertThat(value(row, "hash")).isEqualTo(record.hash());
		assertThat(out.toString()).endsWith("\r\n");
	}

	private static String value(List<String> row, String column) {
		return row.get(AuditCsv.HEADER.indexOf(column));
	}

	/**
	 * A strict RFC 4180 reader: quoted fields may hold commas, doubled quotes and line
	 * breaks.
	 */
	private static List<List<String>> parse(String csv) {
		List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < csv.length(); i++) {
			char c = csv.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
					field.append('"');
					i++;
				}
				else if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
			}
			else if (c == '"') {
				quoted = true;
			}
			else if (c == ',') {
				row.add(field.toString());
				field.setLength(0);
			}
			else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
				row.add(field.toString());
				field.setLength(0);
				rows.add(row);
				row = new ArrayList<>();
				i++;
			}
			else {
				field.append(c);
			}
		}
		assertThat(quoted).as("no unterminated quote").isFalse();
		assertThat(row).as("last line ends with CRLF").isEmpty();
		return rows;
	}

}
