package care.concord.identity.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class LinkCliTests {

	@TempDir
	Path dir;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	private int run(String... args) {
		return LinkCli.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}

	private String write(String name, String content) throws IOException {
		Path f = this.dir.resolve(name);
		Files.writeString(f, content);
		return f.toString();
	}

	private static final String HEADER = "local_id,given_name,family_name,date_of_birth,postcode,street_number,street,town,nhs_number\n";

	@Test
	void runWhenTwoFilesShareAPersonThenOneMatchLine() throws IOException {
		String a = write("a.csv", HEADER + "A1,Margaret,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n"
				+ "A2,John,Ashworth,1971-02-03,M1 1AE,2,Oxford Road,Manchester,\n");
		String b = write("b.csv", HEADER + "B1,Peggy,Thorton,1948-06-21,ls62ab,14,Cardigan Rd,Leeds,\n"
				+ "B2,Zoe,Quinn,2001-09-09,YO1 7HH,9,Stonegate,York,\n");
		assertThat(run(a, b)).isZero();
		String[] lines = this.out.toString(StandardCharsets.UTF_8).split("\n");
		assertThat(lines).hasSize(1);
		assertThat(lines[0]).matches("A1,B1,\\d+\\.\\d{3}");
	}

	@Test
	void runWhenDedupeThenPairsWithinTheFile() throws IOException {
		String a = write("a.csv",
				HEADER + "A1,Margaret,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n"
						+ "A2,John,Ashworth,1971-02-03,M1 1AE,2,Oxford Road,Manchester,\n"
						+ "A3,Maggie,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n");
		assertThat(run("--dedupe", a)).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("A1,A3,");
	}

	@Test
	void runWhenIdentifierAgreesThenScoreHigherOnlyWithUseIdentifier() throws IOException {
		String a = write("a.csv",
				HEADER + "A1,Margaret,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,9434765919\n");
		String b = write("b.csv",
				HEADER + "B1,Margaret,Thornton,21/06/1948,M1 1AE,2,Oxford Road,Manchester,9434765919\n");
		assertThat(run("--threshold", "-50", a, b)).isZero();
		double without = Double.parseDouble(this.out.toString(StandardCharsets.UTF_8).split(",")[2].strip());
		this.out.reset();
		assertThat(run("--use-identifier", "--threshold", "-50", a, b)).isZero();
		double with = Double.parseDouble(this.out.toString(StandardCharsets.UTF_8).split(",")[2].strip());
		assertThat(with).isGreaterThan(without);
	}

	@Test
	void runWhenRecordIdsEqualButPeopleDifferThenNoMatch() throws IOException {
		String a = write("a.csv", HEADER + "X1,Margaret,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n");
		String b = write("b.csv", HEADER + "X1,John,Ashworth,1971-02-03,M1 1AE,2,Oxford Road,Manchester,\n");
		assertThat(run(a, b)).isZero();
		assertThat(this.out.toString(StandardCharsets.UTF_8)).isEmpty();
	}

	@Test
	void runWhenStrictAndMalformedRowThenExitThreeAndMessageNamesFileRowAndField() throws IOException {
		String a = write("a.csv", HEADER + "A1,Margaret,Thornton,31/02/1948,LS6 2AB,14,Cardigan Road,Leeds,\n");
		String future = write("f.csv", HEADER + "F1,Margaret,Thornton,2091-06-21,LS6 2AB,14,Cardigan Road,Leeds,\n");
		assertThat(run("--strict", "--dedupe", a)).isEqualTo(3);
		assertThat(run("--strict", "--dedupe", future)).isEqualTo(3);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("a.csv: row 2, field date_of_birth")
			.contains("not a calendar date")
			.contains("f.csv: row 2, field date_of_birth")
			.contains("in the future");
	}

	@Test
	void runWhenBadValuesAndRowsThenEachReportedAndTheRunGoesOn() throws IOException {
		String a = write("a.csv", HEADER + "A1,Margaret,Thornton,2048-06-21,LS6 2AB,14,Cardigan Road,Leeds,9434765918\n"
				+ "A2,John,Ashworth,1971-02-03,M1 1AE,2,Oxford Road\n" + "A3,Zoe,Quinn,soon,YO1 7H!,9,Stonegate,York,\n"
				+ ",Ann,Empty,1980-01-01,YO1 7HH,9,Stonegate,York,\n");
		String b = write("b.csv", HEADER + "B1,Margaret,Thornton,1948-06-21,LS6 2AB,14,Cardigan Road,Leeds,9434765919\n"
				+ "B2,Zoe,Quinn,2001-09-09,YO1 7HH,9,Stonegate,York,\n");
		assertThat(run("--use-identifier", a, b)).isZero();
		String err = this.err.toString(StandardCharsets.UTF_8);
		assertThat(err)
			.contains("a.csv: row 2, field date_of_birth, value '2048-06-21': 2048-06-21 is in the future; "
					+ "kept as digits")
			.contains("a.csv: row 2, field nhs_number, value '9434765918'")
			.contains("; kept as text")
			.contains("a.csv: row 3: expected 9 fields as in the header, found 7; row skipped")
			.contains("a.csv: row 4, field date_of_birth, value 'soon'")
			.contains("a.csv: row 4, field postcode, value 'YO1 7H!'")
			.contains("a.csv: row 5, field local_id: record id is empty; row skipped")
			.contains("link: 6 input problems: 2 rows skipped, 2 values treated as missing, 1 value kept as digits, "
					+ "1 value kept as text");
		assertThat(this.out.toString(StandardCharsets.UTF_8)).startsWith("A1,B1,").doesNotContain("A2,");
	}

	@Test
	void runWhenImpossibleDateAndLenientThenAccepted() throws IOException {
		String a = write("a.csv", HEADER + "A1,Margaret,Thornton,19481233,LS6 2AB,14,Cardigan Road,Leeds,\n");
		assertThat(run("--dedupe", "--lenient-dates", a)).isZero();
	}

	@Test
	void runWhenWrongUsageThenExitTwoWithUsage() {
		assertThat(run("--dedupe")).isEqualTo(2);
		assertThat(run("--frobnicate", "a", "b")).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("usage:");
	}

	@Test
	void runWhenFileMissingThenExitFour() {
		assertThat(run("--dedupe", this.dir.resolve("nope.csv").toString())).isEqualTo(4);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("no such file");
	}

	@Test
	void runWhenTrainAndWriteModelThenModelFileReadable() throws IOException {
		String a = write("a.csv",
				HEADER + "A1,Margaret,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n"
						+ "A2,John,Ashworth,1971-02-03,M1 1AE,2,Oxford Road,Manchester,\n"
						+ "A3,Maggie,Thornton,21/06/1948,LS6 2AB,14,Cardigan Road,Leeds,\n");
		String model = this.dir.resolve("model.properties").toString();
		assertThat(run("--dedupe", "--train", "--write-model", model, a)).isZero();
		assertThat(Files.readString(Path.of(model))).contains("m.FAMILY_NAME.EXACT=");
		this.out.reset();
		assertThat(run("--dedupe", "--model", model, a)).isZero();
	}

}
