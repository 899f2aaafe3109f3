package care.concord.identity.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import care.concord.identity.demographics.InvalidFieldException;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;

/**
 * Reads person records from CSV with a header row.
 *
 * <p>Columns are recognised by name, FEBRL's as they are ({@code rec_id, given_name, surname, street_number,
 * address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id}) and friendlier ones
 * ({@code local_id}, {@code family_name}, {@code nhs_number}, {@code address}, ...); unknown columns are
 * ignored. Values are separated by commas, surrounding spaces trimmed (FEBRL writes {@code ", "}), double
 * quotes allowed around values. The identifier column is read only when identifiers are used as evidence.
 */
public final class PersonCsv {

	/** Longest accepted line, so a broken file cannot exhaust memory before the field check runs. */
	static final int MAX_LINE = 20_000;

	private static final Map<String, String> ALIASES = new HashMap<>();

	static {
		alias("id", "rec_id", "record_id", "local_id", "id", "person_id", "patient_id");
		alias("given_name", "given_name", "first_name", "forename", "forenames", "given_names", "givenname");
		alias("family_name", "surname", "family_name", "last_name", "lastname", "familyname");
		alias("date_of_birth", "date_of_birth", "dob", "birth_date", "birthdate");
		alias("postcode", "postcode", "post_code", "postal_code", "zip");
		alias("street_number", "street_number", "house_number", "building_number");
		alias("street", "address_1", "street", "address_line_1", "address", "address1");
		alias("locality", "address_2", "locality", "address_line_2", "address2", "district");
		alias("town", "suburb", "town", "city", "post_town");
		alias("region", "state", "county", "region");
		alias("identifier", "soc_sec_id", "nhs_number", "nhs_no", "identifier");
	}

	private static void alias(String field, String... names) {
		for (String name : names) {
			ALIASES.put(name, field);
		}
	}

	private PersonCsv() {
	}

	/**
	 * Reads and standardises every row.
	 * @throws CsvInputException naming the file, row and field of the first problem
	 */
	public static List<StandardisedPerson> read(Path file, boolean useIdentifier, Standardiser standardiser)
			throws IOException {
		String name = file.toString();
		List<StandardisedPerson> out = new ArrayList<>();
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			String header = readLine(reader, name, 1);
			if (header == null) {
				throw new CsvInputException(name, "file is empty (a header row is required)");
			}
			if (header.startsWith("\uFEFF")) {
				header = header.substring(1);
			}
			List<String> columns = split(header, name, 1);
			int[] index = new int[11];
			java.util.Arrays.fill(index, -1);
			String[] fieldNames = { "id", "given_name", "family_name", "date_of_birth", "postcode", "street_number",
					"street", "locality", "town", "region", "identifier" };
			String[] columnNames = new String[11];
			for (int c = 0; c < columns.size(); c++) {
				String key = columns.get(c).strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
				String field = ALIASES.get(key);
				if (field == null) {
					continue;
				}
				int f = java.util.Arrays.asList(fieldNames).indexOf(field);
				if (index[f] >= 0) {
					throw new CsvInputException(name, 1, columns.get(c).strip(),
							"column duplicates '" + columnNames[f] + "'");
				}
				index[f] = c;
				columnNames[f] = columns.get(c).strip();
			}
			if (index[0] < 0) {
				throw new CsvInputException(name,
						"missing id column (one of rec_id, local_id, record_id, id) in header: " + header);
			}
			int evidence = 0;
			for (int f = 1; f < 10; f++) {
				evidence += (index[f] >= 0) ? 1 : 0;
			}
			if (evidence < 2 && !(useIdentifier && index[10] >= 0)) {
				throw new CsvInputException(name,
						"need at least two demographic columns (given_name, surname, date_of_birth, postcode, ...)");
			}
			if (!useIdentifier) {
				index[10] = -1;
			}
			String line;
			int row = 1;
			while ((line = readLine(reader, name, row + 1)) != null) {
				row++;
				if (line.isBlank()) {
					continue;
				}
				List<String> values = split(line, name, row);
				if (values.size() != columns.size()) {
					throw new CsvInputException(name, row, null,
							"expected " + columns.size() + " fields as in the header, found " + values.size());
				}
				String[] v = new String[11];
				for (int f = 0; f < 11; f++) {
					if (index[f] >= 0) {
						String s = values.get(index[f]);
						if (s.length() > Standardiser.MAX_FIELD_LENGTH) {
							throw new CsvInputException(name, row, columnNames[f], "value is " + s.length()
									+ " characters long (limit " + Standardiser.MAX_FIELD_LENGTH + ")");
						}
						v[f] = s.isEmpty() ? null : s;
					}
				}
				if (v[0] == null) {
					throw new CsvInputException(name, row, columnNames[0], "record id is empty");
				}
				try {
					out.add(standardiser.standardise(
							new PersonRecord(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10])));
				}
				catch (InvalidFieldException ex) {
					int f = java.util.Arrays.asList(fieldNames).indexOf(ex.field());
					String column = (f >= 0 && columnNames[f] != null) ? columnNames[f] : ex.field();
					throw new CsvInputException(name, row, column, ex.reason());
				}
			}
		}
		return out;
	}

	private static String readLine(BufferedReader reader, String name, int row) throws IOException {
		StringBuilder sb = new StringBuilder();
		int c;
		while ((c = reader.read()) >= 0) {
			if (c == '\n') {
				break;
			}
			if (sb.length() >= MAX_LINE) {
				throw new CsvInputException(name, row, null, "line longer than " + MAX_LINE + " characters");
			}
			sb.append((char) c);
		}
		if (c < 0 && sb.length() == 0) {
			return null;
		}
		int n = sb.length();
		if (n > 0 && sb.charAt(n - 1) == '\r') {
			sb.setLength(n - 1);
		}
		return sb.toString();
	}

	/** Splits one CSV line: commas separate, spaces around values are trimmed, double quotes may enclose. */
	static List<String> split(String line, String name, int row) {
		List<String> out = new ArrayList<>();
		int i = 0;
		int n = line.length();
		while (true) {
			while (i < n && line.charAt(i) == ' ') {
				i++;
			}
			StringBuilder value = new StringBuilder();
			if (i < n && line.charAt(i) == '"') {
				i++;
				while (true) {
					if (i >= n) {
						throw new CsvInputException(name, row, null, "unterminated quoted value");
					}
					char c = line.charAt(i++);
					if (c == '"') {
						if (i < n && line.charAt(i) == '"') {
							value.append('"');
							i++;
						}
						else {
							break;
						}
					}
					else {
						value.append(c);
					}
				}
				while (i < n && line.charAt(i) == ' ') {
					i++;
				}
				if (i < n && line.charAt(i) != ',') {
					throw new CsvInputException(name, row, null, "text after a closing quote");
				}
			}
			else {
				int start = i;
				while (i < n && line.charAt(i) != ',') {
					if (line.charAt(i) == '"') {
						throw new CsvInputException(name, row, null, "quote inside an unquoted value");
					}
					i++;
				}
				value.append(line, start, i);
			}
			out.add(value.toString().strip());
			if (i >= n) {
				return out;
			}
			i++; // the comma
		}
	}

}
