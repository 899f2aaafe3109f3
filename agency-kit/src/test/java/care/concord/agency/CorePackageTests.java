package care.concord.agency;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The kit's core ({@code care.concord.agency}, not its {@code spring} adapter) is plain
 * Java like the other domain modules: no Spring, servlet or JPA type. It speaks HTTP only
 * through the JDK's client, since calling Concord is its job; the Spring adapter is the
 * thin layer that plugs it into a servlet filter and Spring's HTTP clients.
 */
class CorePackageTests {

	@Test
	void coreWhenImportedThenDependsOnNoFramework() {
		JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("care.concord.agency");
		noClasses().that()
			.resideInAPackage("care.concord.agency")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "jakarta..", "javax.servlet..", "javax.persistence..")
			.because("the agency kit's core is plain Java: the spring package adapts it")
			.check(classes);
	}

}
