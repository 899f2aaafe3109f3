package care.concord.agency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The core (care.concord.agency, not its spring package) is plain Java: no Spring, servlet or JPA import. */
class CorePackageTests {

	@Test
	void coreSourcesWhenScannedThenImportNoFrameworkType() throws IOException {
		Path core = Path.of("src/main/java/care/concord/agency");
		List<Path> sources;
		try (Stream<Path> files = Files.list(core)) {
			sources = files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		assertThat(sources).hasSizeGreaterThan(5);
		for (Path source : sources) {
			assertThat(Files.readAllLines(source)).as(source.toString())
				.noneMatch((line) -> line.startsWith("import org.springframework")
						|| line.startsWith("import jakarta.") || line.startsWith("import javax.persistence"));
		}
	}

}
