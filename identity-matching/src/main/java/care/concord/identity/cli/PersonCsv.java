package care.concord.identity.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import care.concord.identity.demographics.DateOfBirth;
import care.concord.identity.demographics.InvalidFieldException;
import care.concord.identity.demographics.PersonRecord;
import care.concord.identity.demographics.StandardisedPerson;
import care.concord.identity.demographics.Standardiser;
import care.concord.identity.nhs.NhsNumber;

/**
 * Reads person records from CSV with a header row.
 *
 * <p>
 * Columns are recognised by name, FEBRL's as they are
 * ({@code rec_id, given_name, surname, street_number,
 * address_1, address_2, suburb, postcode, state, date_of_birth, soc_sec_id}) and
 * friendlier ones ({@code local_id}, {@code family_name}, {@code nhs_number},
 * {@code address}, ...); unknown columns are ignored. Values are separated by commas,
 * surrounding spaces trimmed (FEBRL writes {@code ", "}), double quotes allowed around
 * values. The identifier column is read only when identifiers are used as evidence.
 */
public final class PersonCsv {

	/**
	 * Longest accepted line, so a broken file cannot exhaust memory before the field
	 * check runs.
	 */
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

	private static final List<String> FIELDS = List.of("id", "given_name", "family_name", "date_of_birth", "postcode",
			"street_number", "street", "locality", "town", "region", "identifier");

	/** Identifier columns that hold NHS numbers (a FEBRL soc_sec_id is not checked). */
	private static final Set<String> NHS_COLUMNS = Set.of("nhs_number", "nhs_no");

	private static void alias(String field, String... names) {
		for (String name : names) {
			ALIASES.put(name, field);
		}
	}

	private PersonCsv() {
	}

	/**
	 * Where a lenient read reports what it did about a bad value or row.
	 */
	@FunctionalInterface
	public interface Problems {

		/**
		 * One problem.
		 * @param file the file name
		 * @param row the 1-based line number (1 is the header)
		 * @param field the column, or {@code null} when the row as a whole is bad
		 * @param value the offending value, or {@code null} for a whole row
		 * @param problem what is wrong
		 * @param action what was done about it
		 */
		void report(String file, int row, String field, String value, String problem, Action action);

	}

	/** What a lenient read did about a problem. */
	public enum Action {

		/** The row was not read at all. */
		ROW_SKIPPED("row skipped"),
		/** The value was ignored, as if the field were empty. */
		TREATED_AS_MISSING("treated as missing"),
		/**
		 * The date's digits were kept as unchecked evidence (compared by edit distance).
		 */
		KEPT_AS_DIGITS("kept as digits"),
		/** The value was kept as written and is compared by edit distance only. */
		KEPT_AS_TEXT("kept as text");

		private final String description;

		Action(String description) {
			this.description = description;
		}

		/** How the action reads in a warning. */
		public String description() {
			return this.description;
		}

	}

	/**
	 * Reads and standardises every row, refusing the file at the first problem.
	 * @throws CsvInputException naming the file, row and field of the first problem
	 */
	public static List<StandardisedPerson> read(Path file, boolean useIdentifier, Standardiser standardiser)
			throws IOException {
		return read(file, useIdentifier, standardiser, null);
	}

	/**
	 * Reads and standardises every row.
	 * @param problems where bad rows and values are reported while the read goes on (rows
	 * that cannot be read are skipped, bad values treated as missing or kept as evidence,
	 * see {@link Action}); {@code null} refuses the file at the first problem instead.
	 * Problems with the header always refuse the file.
	 * @throws CsvInputException naming the file, row and field of the first problem
	 * (strict), or of a header problem
	 */
	public static List<StandardisedPerson> read(Path file, boolean useIdentifier, Standardiser standardiser,
			Problems problems) throws IOException {
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
			Arrays.fill(index, -1);
			String[] columnNames = new String[11];
			for (int c = 0; c < columns.size(); c++) {
				String key = columns.get(c).strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
				String field = ALIASES.get(key);
				if (field == null) {
					continue;
				}
				int f = FIELDS.indexOf(field);
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
			boolean nhsColumn = index[10] >= 0 && NHS_COLUMNS.contains(columnNames[10].toLowerCase(Locale.ROOT));
			Row reading = new Row(name, columns.size(), index, columnNames, nhsColumn, standardiser, problems);
			int row = 1;
			while (true) {
				row++;
				String line;
				try {
					line = readLine(reader, name, row);
				}
				catch (CsvInputException ex) {
					reading.skip(row, ex);
					continue;
				}
				if (line == null) {
					break;
				}
				if (!line.isBlank()) {
					StandardisedPerson person = reading.read(line, row);
					if (person != null) {
						out.add(person);
					}
				}
			}
		}
		return out;
	}

	/** Reads the data rows of one file: strictly, or reporting problems and going on. */
	private record Row(String name, int width, int[] index, String[] columnNames, boolean nhsColumn,
			Standardiser standardiser, Problems problems) {

		/** The row's person, or {@code null} when it was skipped. */
		StandardisedPerson read(String line, int row) {
			List<String> values;
			try {
				values = split(line, this.name, row);
				if (values.size() != this.width) {
					throw new CsvInputException(this.name, row, null,
							"expected " + this.width + " fields as in the header, found " + values.size());
				}
			}
			catch (CsvInputException ex) {
				skip(row, ex);
				return null;
			}
			String[] v = new String[11];
			for (int f = 0; f < 11; f++) {
				if (this.index[f] >= 0) {
					String s = values.get(this.index[f]);
					if (s.length() > Standardiser.MAX_FIELD_LENGTH) {
						String reason = "value is " + s.length() + " characters long (limit "
								+ Standardiser.MAX_FIELD_LENGTH + ")";
						if (f == 0) {
							skipOrThrow(row, this.columnNames[0], reason);
							return null;
						}
						problem(row, f, s, reason, Action.TREATED_AS_MISSING);
						s = "";
					}
					v[f] = s.isEmpty() ? null : s;
				}
			}
			if (v[0] == null) {
				skipOrThrow(row, this.columnNames[0], "record id is empty");
				return null;
			}
			if (this.problems != null) {
				checkValues(v, row);
			}
			for (int attempt = 0;; attempt++) {
				try {
					return this.standardiser.standardise(
							new PersonRecord(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10]));
				}
				catch (InvalidFieldException ex) {
					int f = FIELDS.indexOf(ex.field());
					if (this.problems == null || f <= 0 || v[f] == null || attempt > v.length) {
						String column = (f >= 0 && this.columnNames[f] != null) ? this.columnNames[f] : ex.field();
						throw new CsvInputException(this.name, row, column, ex.reason());
					}
					problem(row, f, v[f], ex.reason(), Action.TREATED_AS_MISSING);
					v[f] = null;
				}
			}
		}

		/**
		 * Reports the problems that standardisation keeps quiet about in lenient mode.
		 */
		private void checkValues(String[] v, int row) {
			if (v[3] != null) {
				try {
					DateOfBirth.parse(v[3], this.standardiser.today());
				}
				catch (InvalidFieldException ex) {
					if (this.standardiser.keepsAsDigits(v[3])) {
						problem(row, 3, v[3], ex.reason(), Action.KEPT_AS_DIGITS);
					}
				}
			}
			if (this.nhsColumn && v[10] != null && !NhsNumber.isValid(v[10])) {
				problem(row, 10, v[10], "is not a valid NHS number (Modulus 11 or format)", Action.KEPT_AS_TEXT);
			}
		}

		private void problem(int row, int f, String value, String reason, Action action) {
			if (this.problems == null) {
				throw new CsvInputException(this.name, row, this.columnNames[f], reason);
			}
			this.problems.report(this.name, row, this.columnNames[f], value, reason, action);
		}

		private void skipOrThrow(int row, String column, String reason) {
			if (this.problems == null) {
				throw new CsvInputException(this.name, row, column, reason);
			}
			this.problems.report(this.name, row, column, null, reason, Action.ROW_SKIPPED);
		}

		void skip(int row, CsvInputException ex) {
			if (this.problems == null) {
				throw ex;
			}
			this.problems.report(this.name, row, null, null, ex.reason(), Action.ROW_SKIPPED);
		}

	}

	private static String readLine(BufferedReader reader, String name, int row) throws IOException {
		StringBuilder sb = new StringBuilder();
		int c;
		while ((c = reader.read()) >= 0) {
			if (c == '\n') {
				break;
			}
			if (sb.length() >= MAX_LINE) {
				while (c >= 0 && c != '\n') {
					c = reader.read();
				}
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

	/**
	 * Splits one CSV line: commas separate, spaces around values are trimmed, double
	 * quotes may enclose.
	 */
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
